// Reload a background import's progress page until the task is done and the server shows the result.
const status = document.querySelector('[data-module="import-progress"]');
if (status) {
  const seconds = Number(status.dataset.refreshSeconds) || 3;
  window.setTimeout(() => window.location.reload(), seconds * 1000);
}
