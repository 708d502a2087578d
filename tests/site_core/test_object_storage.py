"""Media on S3-compatible object storage (site_core/storage.py), against a real S3 server:
moto's server mode on 127.0.0.1, in its own process. An editor uploads a picture and the demo
video through the admin; the article that plays them renders with addresses on the storage,
renditions are written there, and nothing lands in MEDIA_ROOT."""

import io
import json
import urllib.request
from pathlib import Path

import boto3
import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtailmedia.models import get_media_model

from site_core.storage import FILE_SYSTEM_BACKEND, media_storage, media_url
from tests import factories

BUCKET = "parlance-media"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "parlance-test", "AWS_SECRET_ACCESS_KEY": "parlance-test"}
PUBLIC_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{BUCKET}/*",
        }
    ],
}
DEMO_VIDEO = Path(django_settings.BASE_DIR) / factories.DEMO_VIDEO


@pytest.fixture
def bucket(s3_endpoint, settings, tmp_path):
    """The site's media on a fresh bucket, configured from the environment variables the way
    the settings read them; MEDIA_ROOT an empty directory that must stay empty."""
    environ = {"AWS_STORAGE_BUCKET_NAME": BUCKET, "AWS_S3_ENDPOINT_URL": s3_endpoint}
    environ |= {"AWS_S3_REGION_NAME": "us-east-1", **CREDENTIALS}
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )
    existing = {entry["Name"] for entry in client.list_buckets().get("Buckets", [])}
    if BUCKET in existing:
        for entry in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
            client.delete_object(Bucket=BUCKET, Key=entry["Key"])
    else:
        client.create_bucket(Bucket=BUCKET)
        # Readers fetch media straight from the bucket (docs/production.md, "Media storage").
        client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_READ))
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(environ)}
    settings.MEDIA_URL = media_url(environ)
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return client


def stored_keys(client):
    return {entry["Key"] for entry in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def png(width, height):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (40, 90, 140)).save(buffer, format="PNG")
    return buffer.getvalue()


def upload_image(client, title="Studio portrait"):
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": title,
            "file": SimpleUploadedFile("studio-portrait.png", png(1600, 900), "image/png"),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    return get_image_model().objects.get(title=title)


def upload_demo_video(client):
    with DEMO_VIDEO.open("rb") as video:
        response = client.post(
            reverse("wagtailmedia:add", args=["video"]),
            {
                "title": "Demo recording",
                "file": video,
                "collection": Collection.get_first_root_node().pk,
                "duration": 90,
                "width": 320,
                "height": 180,
                "tags": "",
            },
        )
    assert response.status_code == 302, response.content[:2000]
    return get_media_model().objects.get(title="Demo recording")


def test_without_a_bucket_media_stay_on_disk():
    assert media_storage({}) == {"BACKEND": FILE_SYSTEM_BACKEND}
    assert media_storage({"AWS_STORAGE_BUCKET_NAME": "  "}) == {"BACKEND": FILE_SYSTEM_BACKEND}


def test_media_addresses_start_where_the_storage_serves_them():
    bucket = {"AWS_STORAGE_BUCKET_NAME": "media"}
    assert media_url({}) == "/media/"
    assert media_url(bucket) == "https://media.s3.amazonaws.com/"
    assert media_url(bucket | {"AWS_S3_ENDPOINT_URL": "http://minio:9000/"}) == (
        "http://minio:9000/media/"
    )
    virtual = {
        "AWS_S3_ENDPOINT_URL": "https://s3.example:9000",
        "AWS_S3_ADDRESSING_STYLE": "virtual",
    }
    assert media_url(bucket | virtual) == "https://media.s3.example:9000/"
    assert media_url(bucket | {"AWS_S3_CUSTOM_DOMAIN": "cdn.example", "AWS_LOCATION": "p/"}) == (
        "https://cdn.example/p/"
    )


def test_the_environment_configures_the_bucket():
    storage = media_storage(
        {
            "AWS_STORAGE_BUCKET_NAME": "media",
            "AWS_S3_ENDPOINT_URL": "https://s3.example.net",
            "AWS_S3_REGION_NAME": "eu-west-3",
            "AWS_S3_CUSTOM_DOMAIN": "media.example.net",
            "AWS_LOCATION": "parlance",
        },
        cache_seconds=60,
    )
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"] == {
        "bucket_name": "media",
        "endpoint_url": "https://s3.example.net",
        "region_name": "eu-west-3",
        "custom_domain": "media.example.net",
        "location": "parlance",
        "file_overwrite": False,
        "querystring_auth": False,
        "object_parameters": {"CacheControl": "public, max-age=60"},
    }


@pytest.mark.django_db
def test_uploads_renditions_and_the_reader_page_use_the_bucket(bucket, admin_client, client):
    image = upload_image(admin_client)
    video = upload_demo_video(admin_client)

    keys = stored_keys(bucket)
    assert image.file.name in keys
    assert video.file.name in keys
    head = bucket.head_object(Bucket=BUCKET, Key=video.file.name)
    assert head["ContentLength"] == DEMO_VIDEO.stat().st_size
    assert head["CacheControl"].startswith("public, max-age=")

    article = factories.make_article(
        "Recorded in the studio",
        hero_image=image,
        body=[factories.uploaded_segment("The studio", video, poster=image, duration=90)],
    )
    response = client.get(article.url)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")

    storage_prefix = f"{bucket.meta.endpoint_url}/{BUCKET}/"
    assert storage_prefix == django_settings.MEDIA_URL  # what the CSP allows for media
    policy = response.headers.get("Content-Security-Policy", "")  # site_core/security/csp.py
    if policy:
        assert bucket.meta.endpoint_url in policy
    player = html.select_one("video[data-segment-player]")
    assert player["src"] == storage_prefix + video.file.name
    renditions = list(image.renditions.all())
    assert renditions, "the page asked for renditions"
    for rendition in renditions:
        assert rendition.file.name in stored_keys(bucket)
    picture_sources = [
        address.split()[0]
        for tag in html.select("picture source, picture img")
        for address in (tag.get("srcset") or tag.get("src")).split(",")
    ]
    assert picture_sources
    assert all(source.startswith(storage_prefix) for source in picture_sources)
    assert player["poster"].startswith(storage_prefix)
    og_image = html.select_one('meta[property="og:image"]')["content"]
    assert og_image.startswith(storage_prefix)

    # The media address answers byte ranges (browsers seek in video that way).
    ranged = urllib.request.Request(  # noqa: S310 - the local test server's address
        player["src"], headers={"Range": "bytes=0-99"}
    )
    with urllib.request.urlopen(ranged, timeout=5) as answer:  # noqa: S310 - local test server
        assert answer.status == 206
        assert len(answer.read()) == 100

    assert list(Path(django_settings.MEDIA_ROOT).rglob("*")) == []
