"""Static files as whitenoise keeps them, each file's address worked out once."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files whose `url()` is kept per name.

    Every page asks `{% static %}` for the same half-dozen files, and each answer is a
    manifest lookup and a URL join. The manifest is read when the process starts and
    does not change while it runs, so neither does an address.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = {}

    def url(self, name, force=False):
        key = (name, force)
        if key not in self._urls:
            self._urls[key] = super().url(name, force)
        return self._urls[key]
