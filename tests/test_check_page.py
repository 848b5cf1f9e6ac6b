"""`make check-page` (staff/check_page.py): the council's page against the knowledge base. The
shipped demo page is as reviewed; a copy with a changed year, a changed name and a new sentence
names all three; an unreachable page is a clear Finnish error."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading

import pytest

from bot import knowledge
from bot.paths import ROOT
from staff import check_page
from tests.harness import servers

DEMO = ROOT / "bot" / "web" / "widget" / "demo.html"
NEW_SENTENCE = "Kainuun liitto liittyi vuonna 2025 Interreg Aurora -ohjelmaan."


def run(capsys, *args: str):
    code = check_page.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.fixture
def changed_page(tmp_path):
    """The demo page with a year and a contact person's first name changed, and a sentence
    added to the last section."""
    html = DEMO.read_text(encoding="utf-8")
    for old, new in (("vuodesta 1996", "vuodesta 1997"), ("Katja Sukuvaara", "Kaisa Sukuvaara")):
        assert old in html
        html = html.replace(old, new)
    html = html.replace('<h2 id="ota-yhteytta">', f'<p>{NEW_SENTENCE}</p>\n<h2 id="ota-yhteytta">')
    path = tmp_path / "sivu.html"
    path.write_text(html, encoding="utf-8")
    return path


def test_the_shipped_demo_page_is_as_reviewed(capsys):
    code, out = run(capsys)  # the knowledge base's page_url: the page the bot itself serves
    assert code == 0, out
    assert "ei muutoksia" in out


def test_a_changed_year_and_name_and_a_new_sentence_are_named(capsys, changed_page):
    code, out = run(capsys, "--page", str(changed_page))
    assert code == 1
    assert "Sivu on muuttunut 3 osiossa" in out
    stale = [line for line in out.splitlines() if "joita sivulla ei enää ole" in line]
    assert any("1996" in line for line in stale) and any("Katja" in line for line in stale)
    assert f"sivulla uutta, botilta puuttuu: »{NEW_SENTENCE}»" in out
    assert "make check-page ACCEPT=1" in out


def test_accepting_a_page_keeps_staffs_comments_and_quiets_the_check(
    capsys, changed_page, tmp_path
):
    directory = tmp_path / "knowledge"
    shutil.copytree(knowledge.knowledge_dir(), directory)
    settings = directory / "organisation.yml"
    comments = [line for line in settings.read_text(encoding="utf-8").split("\n") if "#" in line]
    args = ["--page", str(changed_page), "--knowledge", str(directory)]
    assert run(capsys, *args)[0] == 1
    assert run(capsys, *args, "--accept")[0] == 0
    code, out = run(capsys, *args)
    assert code == 0 and "ei muutoksia" in out
    text = settings.read_text(encoding="utf-8")
    assert all(line in text for line in comments)
    assert text.count("reviewed_sections:") == 1
    # The bot still loads the knowledge base, and the original page now differs.
    assert knowledge.load(directory).settings.reviewed_sections
    assert run(capsys, "--page", str(DEMO), "--knowledge", str(directory))[0] == 1


def test_an_unreachable_page_is_a_finnish_error(capsys):
    address = f"http://127.0.0.1:{servers.free_port()}/kansainvalinen-toiminta"
    code, out = run(capsys, "--page", address)
    assert code == 2
    assert f"Virhe: sivua {address} ei saatu luettua" in out


def test_a_missing_file_is_a_finnish_error(capsys, tmp_path):
    code, out = run(capsys, "--page", str(tmp_path / "ei-ole.html"))
    assert code == 2 and "ei saatu luettua" in out


def test_a_page_missing_a_section_is_not_accepted(capsys, tmp_path):
    directory = tmp_path / "knowledge"
    shutil.copytree(knowledge.knowledge_dir(), directory)
    before = (directory / "organisation.yml").read_bytes()
    page = tmp_path / "kirjautuminen.html"
    page.write_text("<html><body><h1>Kirjaudu sisään</h1></body></html>", encoding="utf-8")
    code, out = run(capsys, "--page", str(page), "--knowledge", str(directory), "--accept")
    assert code == 2 and "puuttuu osioita" in out and "barents-yhteistyo" in out
    assert (directory / "organisation.yml").read_bytes() == before


def test_a_first_accept_adds_the_hashes_after_the_sections(capsys, tmp_path):
    """On a knowledge base never reviewed, with Windows line endings, which stay."""
    directory = tmp_path / "knowledge"
    shutil.copytree(knowledge.knowledge_dir(), directory)
    settings = directory / "organisation.yml"
    lines = settings.read_text(encoding="utf-8").split("\n")
    start = lines.index(check_page.COMMENT)
    end = start + 2 + len(knowledge.load(directory).settings.sections)
    settings.write_bytes("\r\n".join(lines[:start] + lines[end:]).encode("utf-8"))
    code, out = run(capsys, "--knowledge", str(directory))
    assert code == 1 and "Sivua ei ole vielä merkitty tarkistetuksi" in out
    assert run(capsys, "--knowledge", str(directory), "--accept")[0] == 0
    text = settings.read_bytes().decode("utf-8")
    assert text.count("\r\n") == text.count("\n")
    assert text.index("  sections:") < text.index("  reviewed_sections:") < text.index("  en:")
    assert run(capsys, "--knowledge", str(directory))[0] == 0


def test_sections_marked_on_any_element_and_a_page_without_charset(capsys, tmp_path):
    """A section's anchor on the element around it, served as text/html with no charset: the
    text is read as UTF-8 and the new sentence is named with its ä and ö."""
    html = DEMO.read_text(encoding="utf-8").replace(
        '<h2 id="toimijaverkosto">Kainuun kansainvälisten toimijoiden verkosto</h2>',
        '<section id="toimijaverkosto"><h2>Kainuun kansainvälisten toimijoiden verkosto</h2>'
        f"<p>{NEW_SENTENCE}</p></section>",
    )
    (tmp_path / "sivu.html").write_bytes(html.encode("utf-8"))

    class Plain(http.server.SimpleHTTPRequestHandler):
        def guess_type(self, path):
            return "text/html"  # no charset, as some servers send it

        def log_message(self, *args):
            pass

    handler = functools.partial(Plain, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        address = f"http://127.0.0.1:{server.server_address[1]}/sivu.html"
        code, out = run(capsys, "--page", address)
    finally:
        server.shutdown()
    assert code == 1 and "Sivu on muuttunut 1 osiossa" in out
    assert f"»{NEW_SENTENCE}»" in out
