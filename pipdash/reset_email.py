"""The password reset email, sent by the task runner rather than within the sign-in page's request.

The request only queues the address asked for; the task looks the account up and makes the link.
So the page answers in the same short time whether or not an account has that address (its timing
tells nobody which addresses are registered), a slow mail server never holds a web process, and the
link, which is a credential, is never written to the task queue's table: the task makes it when it runs.
"""

from django.contrib.auth.forms import PasswordResetForm
from django.contrib.sites.shortcuts import get_current_site
from django_tasks import task


class QueuedPasswordResetForm(PasswordResetForm):
    def save(self, domain_override=None, use_https=False, request=None, **options):
        send_password_reset_email.enqueue(
            email=self.cleaned_data["email"],
            domain=domain_override or get_current_site(request).domain,
            use_https=use_https,
            subject_template_name=options.get("subject_template_name", "registration/password_reset_subject.txt"),
            email_template_name=options.get("email_template_name", "registration/password_reset_email.html"),
            from_email=options.get("from_email"),
        )


@task()
def send_password_reset_email(
    *, email: str, domain: str, use_https: bool, subject_template_name: str, email_template_name: str, from_email
) -> None:
    form = PasswordResetForm(data={"email": email})
    if not form.is_valid():  # the address was valid when queued; a changed validator is no reason to crash
        return
    # Django's own reset: an email to each active account with a usable password at this address.
    form.save(
        domain_override=domain,
        use_https=use_https,
        subject_template_name=subject_template_name,
        email_template_name=email_template_name,
        from_email=from_email,
    )
