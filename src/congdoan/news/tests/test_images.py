"""Image uploads are limited in type and size with a clear error; renditions come as WebP."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images.models import Image


def jpeg_bytes(width=800, height=450):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (176, 13, 35)).save(buffer, "JPEG")
    return buffer.getvalue()


def upload(client, name, content, content_type="image/jpeg"):
    return client.post(
        "/admin/images/add/",
        {
            "title": "Ảnh hội nghị",
            "file": SimpleUploadedFile(name, content, content_type),
            "collection": 1,
        },
    )


def test_a_photo_uploads_and_renders_as_webp(client, superuser):
    client.force_login(superuser)
    response = upload(client, "hoi-nghi.jpg", jpeg_bytes())
    assert response.status_code == 302
    image = Image.objects.get(title="Ảnh hội nghị")
    rendition = image.get_rendition("width-400|format-webp")
    assert rendition.url.endswith(".webp")
    assert (rendition.width, rendition.height) == (400, 225)


def test_files_that_are_not_images_are_refused(client, superuser):
    client.force_login(superuser)
    response = upload(client, "virus.jpg", b"MZ\x90\x00 not an image at all", "image/jpeg")
    assert response.status_code == 200
    assert "Hãy tải lên một hình ảnh hợp lệ" in response.content.decode()
    assert not Image.objects.exists()
    response = upload(client, "tai-lieu.pdf", b"%PDF-1.4 ...", "application/pdf")
    assert response.status_code == 200
    assert not Image.objects.exists()


def test_oversized_uploads_are_refused(client, superuser, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10_000
    client.force_login(superuser)
    response = upload(client, "lon.jpg", jpeg_bytes(3000, 2000) + b"\0" * 20_000)
    assert response.status_code == 200
    assert "Tệp quá lớn" in response.content.decode()
    assert not Image.objects.exists()


def test_uploads_need_the_permission(client, make_user, tree):
    from congdoan.org.models import Role

    member = make_user("doanvien", roles=[(tree.lb_school, Role.MEMBER)])
    client.force_login(member)
    response = upload(client, "anh.jpg", jpeg_bytes())
    assert response.status_code in (302, 403)
    assert not Image.objects.exists()


def test_uploaded_pictures_are_served_on_a_single_machine(client, superuser, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(superuser)
    upload(client, "hoi-nghi.jpg", jpeg_bytes())
    rendition = Image.objects.get().get_rendition("width-400|format-webp")
    client.logout()
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:4] == b"RIFF"
    assert client.get("/media/%2e%2e/settings.py").status_code in (400, 404)
