"""Every unreadable input ends as one IngestError with a one-line message naming the file."""
import io
import os
import shutil
import zipfile

import pytest

from ingest import IngestError, read_document


def error_for(path, **kwargs) -> IngestError:
    with pytest.raises(IngestError) as info:
        read_document(path, **kwargs)
    message = str(info.value)
    assert "\n" not in message and message.startswith(str(path))
    return info.value


def test_empty_file(tmp_path):
    (tmp_path / "empty.pdf").write_bytes(b"")
    assert error_for(tmp_path / "empty.pdf").cause == "empty file"


def test_truncated_pdf(tmp_path, corpus):
    data = (corpus / "kent" / "CPP_Minutes_10.12.24.pdf").read_bytes()
    (tmp_path / "cut.pdf").write_bytes(data[: len(data) // 2])
    assert "truncated" in error_for(tmp_path / "cut.pdf").cause


def test_corrupt_pdf(tmp_path):
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(2000) + b"\n%%EOF\n")
    assert "PDF" in error_for(tmp_path / "bad.pdf").cause


def test_encrypted_pdf(tmp_path, corpus):
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(corpus / "kent" / "CPP_Minutes_10.12.24.pdf")
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt("s3cret")
    with open(tmp_path / "locked.pdf", "wb") as fh:
        writer.write(fh)
    assert "encrypted" in error_for(tmp_path / "locked.pdf").cause


def test_docx_that_is_not_a_zip(tmp_path):
    (tmp_path / "report.docx").write_text("Minutes of the meeting\n")
    assert "not a zip" in error_for(tmp_path / "report.docx").cause


def test_zip_that_is_not_a_docx(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("minutes.txt", "hello")
    (tmp_path / "report.docx").write_bytes(buffer.getvalue())
    assert "word/document.xml" in error_for(tmp_path / "report.docx").cause


def test_binary_with_txt_name(tmp_path):
    (tmp_path / "notes.txt").write_bytes(bytes(range(256)) * 8)
    assert "binary" in error_for(tmp_path / "notes.txt").cause


def test_over_size_limit(tmp_path, corpus):
    path = tmp_path / "big.txt"
    shutil.copy(corpus / "000_ca3a0b9b00b65f02.txt", path)
    assert "too large" in error_for(path, max_bytes=1000).cause


def test_missing_path(tmp_path):
    assert error_for(tmp_path / "nowhere.pdf").cause == "no such file"


def test_directory(tmp_path):
    assert "directory" in error_for(tmp_path).cause


def test_unreadable_permissions(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("Minutes")
    path.chmod(0)
    if os.access(path, os.R_OK):
        pytest.skip("running as a user who can read any file (root)")
    assert error_for(path).cause == "permission denied"


def test_pdf_name_holding_html_is_read_as_html(tmp_path):
    (tmp_path / "download.pdf").write_bytes(b"<!DOCTYPE html><html><body><p>Access denied</p></body></html>")
    assert read_document(tmp_path / "download.pdf").text == "Access denied"


def test_html_without_text(tmp_path):
    (tmp_path / "blank.html").write_bytes(b"<html><body><script>while(1){}</script></body></html>")
    assert "no text" in error_for(tmp_path / "blank.html").cause
