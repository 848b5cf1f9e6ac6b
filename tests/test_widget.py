"""The web widget in a real browser (Debian's Chromium driven by Playwright) against the running
bot: answers, quick replies, follow-ups, history, clearing, keyboard use, safety, the error state
and axe-core's WCAG 2.1 AA checks. Screenshots go to tests/artifacts/."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests

playwright_api = pytest.importorskip("playwright.sync_api")
import axe_playwright_python  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"
AXE_JS = Path(axe_playwright_python.__file__).parent / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BOT_MESSAGE = ".kl-msg.kl-bot"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} missing: apt-get install chromium (see .ci/run)")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser, bot_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fi-FI")
    page = context.new_page()
    page.goto(f"{bot_url}/webhooks/widget/demo.html")
    yield page
    context.close()


def open_chat(page):
    page.get_by_role("button", name="Kysy chatbotilta").click()
    playwright_api.expect(page.get_by_role("dialog", name="Kainuun liiton chatbot")).to_be_visible()


def ask(page, question: str, expected: str) -> None:
    count = page.locator(BOT_MESSAGE).count()
    page.get_by_label("Kirjoita kysymyksesi").fill(question)
    page.keyboard.press("Enter")
    playwright_api.expect(page.locator(BOT_MESSAGE).nth(count)).to_contain_text(expected, timeout=30_000)


def axe_violations(page):
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]


def test_answer_quick_reply_and_follow_up(page):
    open_chat(page)
    ask(page, "Keneen otan yhteyttä EU-asioissa?", "Jouni Ponnikas")
    ask(page, "Entä Venäjä-asioissa?", "Katja Sukuvaara")
    ask(page, "Mikä on Barents-yhteistyö?", "Luoteis-Venäjän")
    count = page.locator(BOT_MESSAGE).count()
    page.get_by_role("button", name="Barents Youth").click()
    playwright_api.expect(page.locator(BOT_MESSAGE).nth(count)).to_contain_text("BRYC")


def test_history_survives_reload_and_clear_deletes_the_conversation(page, bot):
    open_chat(page)
    ask(page, "Missä EU-toimisto sijaitsee?", "Brysselissä")
    sender = page.evaluate("Object.values(localStorage).map(JSON.parse)[0].sender")
    page.reload()
    open_chat(page)
    playwright_api.expect(page.locator(".kl-log")).to_contain_text("Brysselissä")
    page.get_by_role("button", name="Tyhjennä keskustelu").click()
    playwright_api.expect(page.locator(".kl-log")).not_to_contain_text("Brysselissä")
    playwright_api.expect(page.locator(BOT_MESSAGE).first).to_contain_text("Hei!")
    # A new conversation: a question without a topic has no context to lean on.
    ask(page, "Keitä siihen kuuluu?", "Mistä aiheesta")
    assert page.evaluate("Object.values(localStorage).map(JSON.parse)[0].sender") != sender
    assert bot.stored_events(sender) == [], "the server kept the cleared conversation"


def test_keyboard_only_from_launcher_to_answer_and_back(page):
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Kysy chatbotilta"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "kl-input"
    page.keyboard.type("Mikä on Euregio Karelia?")
    page.keyboard.press("Enter")
    playwright_api.expect(page.locator(BOT_MESSAGE).nth(1)).to_contain_text("Karjalan tasavallan",
                                                                           timeout=30_000)
    page.keyboard.press("Shift+Tab")  # from the input back to the log, then to a quick reply
    page.keyboard.press("Shift+Tab")
    assert "kl-quick" in page.evaluate("document.activeElement.className")
    count = page.locator(BOT_MESSAGE).count()
    page.keyboard.press("Enter")
    playwright_api.expect(page.locator(BOT_MESSAGE).nth(count)).to_be_visible(timeout=30_000)
    page.keyboard.press("Escape")
    assert page.get_by_role("dialog").is_hidden()
    assert page.evaluate("document.activeElement.textContent") == "Kysy chatbotilta"


def test_markup_from_visitor_or_bot_is_shown_as_text_and_runs_nothing(page):
    open_chat(page)
    attack = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>"
    page.get_by_label("Kirjoita kysymyksesi").fill(attack)
    page.keyboard.press("Enter")
    playwright_api.expect(page.locator(".kl-msg.kl-user").last).to_contain_text("<img src=x")
    playwright_api.expect(page.locator(BOT_MESSAGE)).to_have_count(2, timeout=30_000)
    page.route("**/webhooks/widget/webhook", lambda route: route.fulfill(
        status=200, content_type="application/json",
        body=json.dumps([{"text": "<img src=x onerror=\"window.__pwned=3\"> https://example.org/x",
                          "buttons": [{"title": "<b onclick=\"window.__pwned=4\">B</b>",
                                       "payload": "/ask_what"}]}])))
    ask(page, "Kerro Barentsista", "<img src=x onerror=")
    assert page.locator(".kl-log img, .kl-log script, .kl-log b").count() == 0
    assert page.locator(".kl-log a[href='https://example.org/x']").count() == 1
    assert page.evaluate("window.__pwned") is None


def test_typing_indicator_shows_while_waiting(page):
    open_chat(page)
    held = []
    page.route("**/webhooks/widget/webhook", lambda route: held.append(route))
    page.get_by_label("Kirjoita kysymyksesi").fill("Mikä on BEAC?")
    page.keyboard.press("Enter")
    playwright_api.expect(page.get_by_role("status")).to_have_text("Botti kirjoittaa…")
    page.wait_for_timeout(100)  # let the route handler see the request
    held[0].continue_()
    playwright_api.expect(page.locator(BOT_MESSAGE).last).to_contain_text("ylin toimielin", timeout=30_000)
    playwright_api.expect(page.get_by_role("status")).to_be_hidden()


def test_unreachable_bot_shows_finnish_error_and_retry_works(page):
    open_chat(page)
    page.route("**/webhooks/widget/webhook", lambda route: route.abort())
    page.get_by_label("Kirjoita kysymyksesi").fill("Mikä on BEAC?")
    page.keyboard.press("Enter")
    playwright_api.expect(page.locator(".kl-error")).to_contain_text("Yhteys chatbottiin ei juuri nyt onnistu")
    page.unroute("**/webhooks/widget/webhook")
    page.get_by_role("button", name="Yritä uudelleen").click()
    playwright_api.expect(page.locator(BOT_MESSAGE).last).to_contain_text("ylin toimielin", timeout=30_000)
    assert page.locator(".kl-error").count() == 0


def test_accessibility_has_no_wcag_aa_violations_and_screenshots(page):
    ARTIFACTS.mkdir(exist_ok=True)
    open_chat(page)
    assert axe_violations(page) == []
    ask(page, "Mikä on Barents-yhteistyö?", "Luoteis-Venäjän")
    playwright_api.expect(page.locator(".kl-quick").first).to_be_visible()
    assert axe_violations(page) == []
    page.screenshot(path=str(ARTIFACTS / "widget-desktop.png"))
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(page) == []
    page.screenshot(path=str(ARTIFACTS / "widget-320px.png"))


def test_cors_is_not_open_to_other_sites_by_default(bot_url):
    reply = requests.post(f"{bot_url}/webhooks/widget/webhook", timeout=30,
                          json={"sender": "b" * 32, "message": "Hei"},
                          headers={"Origin": "https://evil.example"})
    assert reply.status_code == 200
    assert "access-control-allow-origin" not in {k.lower() for k in reply.headers}
