"""Stop storing an uploaded file as soon as it passes the import's size limit.

Django writes an upload to memory or a temporary file before any view code runs; without this
handler a 2 GB file would be stored whole only to be refused. The rest of the request (the CSRF
token comes before the file in the form) is still read, so the form can say why.
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile

TOO_LARGE_ATTR = "import_upload_too_large"


class UploadSizeLimit(FileUploadHandler):
    def new_file(self, *args, **kwargs):
        self.received = 0
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        limit = settings.IMPORT_MAX_UPLOAD_BYTES
        self.received += len(raw_data)
        if limit and self.received > limit:
            setattr(self.request, TOO_LARGE_ATTR, True)
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler keeps the file


def upload_was_too_large(request) -> bool:
    return getattr(request, TOO_LARGE_ATTR, False)
