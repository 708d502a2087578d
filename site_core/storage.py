"""Where uploaded media live: S3-compatible object storage when `AWS_STORAGE_BUCKET_NAME` is
set, else the local `MEDIA_ROOT`.

Images, their renditions, documents and wagtailmedia files (video and audio) all use Django's
default storage, so on object storage no app host keeps media on its disk and any number of
hosts serve the same files. Templates take every media address from the storage
(`image.url`, `media.url`): object storage answers them itself (or the CDN at
`AWS_S3_CUSTOM_DOMAIN`), with byte ranges for video seeking, so the app's own `/media/` view
(`SERVE_MEDIA`) is off by default there.

Read by the settings (`site_core/settings/base.py`), so it imports nothing from Django."""

from urllib.parse import urlsplit

S3_BACKEND = "storages.backends.s3.S3Storage"
FILE_SYSTEM_BACKEND = "django.core.files.storage.FileSystemStorage"


def _flag(value, default):
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def uses_object_storage(environ):
    return bool(environ.get("AWS_STORAGE_BUCKET_NAME", "").strip())


def media_url(environ):
    """MEDIA_URL: where media addresses start. On object storage, the address the storage
    gives files (the custom domain, else the endpoint and bucket, else AWS's own host), which
    the Content-Security-Policy allows for images and video; "/media/" on disk."""
    if not uses_object_storage(environ):
        return "/media/"
    bucket = environ["AWS_STORAGE_BUCKET_NAME"].strip()
    domain = environ.get("AWS_S3_CUSTOM_DOMAIN", "").strip()
    endpoint = environ.get("AWS_S3_ENDPOINT_URL", "").strip().rstrip("/")
    if domain:
        base = f"https://{domain}"
    elif endpoint and environ.get("AWS_S3_ADDRESSING_STYLE", "").strip().lower() == "virtual":
        scheme, host = urlsplit(endpoint)[:2]
        base = f"{scheme}://{bucket}.{host}"
    elif endpoint:
        base = f"{endpoint}/{bucket}"
    else:
        base = f"https://{bucket}.s3.amazonaws.com"
    location = environ.get("AWS_LOCATION", "").strip().strip("/")
    return f"{base}/{location}/" if location else f"{base}/"


def media_storage(environ, *, cache_seconds=60 * 60 * 24 * 30):
    """The `STORAGES["default"]` entry for this environment.

    Object storage settings (all optional but the bucket):
    `AWS_S3_ENDPOINT_URL` (MinIO, Ceph, R2, Scaleway…; AWS itself without it),
    `AWS_S3_REGION_NAME`, `AWS_S3_CUSTOM_DOMAIN` (a CDN or public host name for media
    addresses), `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` (else boto3's own chain: instance
    role, `~/.aws`), `AWS_LOCATION` (a key prefix), `AWS_QUERYSTRING_AUTH` (signed, expiring
    addresses for a private bucket; off by default: signed addresses change on every render,
    which defeats the page cache and the CDN), `AWS_DEFAULT_ACL`, `AWS_S3_ADDRESSING_STYLE`."""
    if not uses_object_storage(environ):
        return {"BACKEND": FILE_SYSTEM_BACKEND}
    options = {
        "bucket_name": environ["AWS_STORAGE_BUCKET_NAME"].strip(),
        # Uploads with the same name get a new key, as on disk: a replaced file never keeps
        # an old address that browsers or the CDN cached for a year.
        "file_overwrite": False,
        "querystring_auth": _flag(environ.get("AWS_QUERYSTRING_AUTH"), False),
        "object_parameters": {"CacheControl": f"public, max-age={cache_seconds}"},
    }
    optional = {
        "endpoint_url": "AWS_S3_ENDPOINT_URL",
        "region_name": "AWS_S3_REGION_NAME",
        "custom_domain": "AWS_S3_CUSTOM_DOMAIN",
        "access_key": "AWS_ACCESS_KEY_ID",
        "secret_key": "AWS_SECRET_ACCESS_KEY",
        "location": "AWS_LOCATION",
        "default_acl": "AWS_DEFAULT_ACL",
        "addressing_style": "AWS_S3_ADDRESSING_STYLE",
    }
    for option, name in optional.items():
        value = environ.get(name, "").strip()
        if value:
            options[option] = value
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}


def backup_storage(environ):
    """The `STORAGES["dbbackup"]` entry: where `backup_site --upload` sends backups
    (site_core/backups/offsite.py), or None to keep them on this machine only.

    `BACKUP_BUCKET`: an S3-compatible bucket of its own (never the media bucket: whoever can
    write media must not be able to delete backups), with `BACKUP_S3_ENDPOINT_URL`,
    `BACKUP_S3_REGION_NAME`, `BACKUP_ACCESS_KEY_ID` / `BACKUP_SECRET_ACCESS_KEY` (else boto3's
    own chain) and `BACKUP_LOCATION` (a key prefix). Or `BACKUP_DIR`: a directory, say a
    mounted remote file system."""
    bucket = environ.get("BACKUP_BUCKET", "").strip()
    if bucket:
        options = {"bucket_name": bucket, "file_overwrite": False, "default_acl": "private"}
        optional = {
            "endpoint_url": "BACKUP_S3_ENDPOINT_URL",
            "region_name": "BACKUP_S3_REGION_NAME",
            "access_key": "BACKUP_ACCESS_KEY_ID",
            "secret_key": "BACKUP_SECRET_ACCESS_KEY",
            "location": "BACKUP_LOCATION",
        }
        for option, name in optional.items():
            value = environ.get(name, "").strip()
            if value:
                options[option] = value
        return {"BACKEND": S3_BACKEND, "OPTIONS": options}
    directory = environ.get("BACKUP_DIR", "").strip()
    if directory:
        return {"BACKEND": FILE_SYSTEM_BACKEND, "OPTIONS": {"location": directory}}
    return None
