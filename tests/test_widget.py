"""The web widget in a real browser (Debian's Chromium driven by Playwright) against the running
bot: answers, quick replies, follow-ups, history, clearing, keyboard use, safety, the error state,
the English mode (data-lang="en") and axe-core's WCAG 2.1 AA checks. Screenshots go to
tests/artifacts/."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import requests

from bot.language.phrases import PHRASES
from staff import report
from tests.conftest import ROOT
from tests.harness.browser import ARTIFACTS, axe_violations

playwright_api = pytest.importorskip("playwright.sync_api")

BOT_MESSAGE = ".kl-msg.kl-bot"
WEBHOOK = "**/webhooks/widget/webhook"
# The interface texts the tests use, per widget language, and the demo page of each.
UI = {
    "fi": {
        "page": "demo.html",
        "launcher": "Kysy chatbotilta",
        "title": "Kainuun liiton chatbot",
        "input": "Kirjoita kysymyksesi",
        "clear": "Tyhjennä keskustelu",
    },
    "en": {
        "page": "demo-en.html",
        "launcher": "Ask the chatbot",
        "title": "Regional Council of Kainuu chatbot",
        "input": "Type your question",
        "clear": "Clear conversation",
    },
}
# Every Finnish interface text of the widget: none of them may show in English mode.
FINNISH_TEXTS = [
    "Kysy chatbotilta",
    "Kainuun liiton chatbot",
    "Hei!",
    "Kainuun liiton kansainvälisestä",
    "Mihin verkostoihin",
    "Keneen otan yhteyttä",
    "Mikä on Euregio",
    "Tyhjennä",
    "Sulje",
    "Keskustelu",
    "Botti",
    "Kirjoita",
    "Lähetä",
    "Sinä",
    "Vastausvaihtoehdot",
    "Yritä uudelleen",
    "Yhteys chatbottiin",
    "epäonnistui",
    "Älä kirjoita",
    "henkilötietoja",
    "Oliko vastauksesta",
    "Kiitos palautteesta",
    "Lähde",
]


@pytest.fixture
def open_page(browser, bot_url):
    """Opens a demo page (by widget language) in a fresh browser context. The browser's locale
    is Finnish throughout, so its own Accept-Language header is never a bare "en" or "fi"."""
    contexts = []

    def open_(lang: str = "fi"):
        context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fi-FI")
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{bot_url}/webhooks/widget/{UI[lang]['page']}")
        return page

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page):
    return open_page("fi")


@pytest.fixture
def page_en(open_page):
    return open_page("en")


def fake_reply(page, body, status: int = 200, headers=None) -> None:
    """Makes the widget's webhook answer with `body` as JSON, as the bot or a proxy might."""
    page.route(
        WEBHOOK,
        lambda route: route.fulfill(
            status=status, content_type="application/json", headers=headers, body=json.dumps(body)
        ),
    )


def open_chat(page, lang: str = "fi"):
    page.get_by_role("button", name=UI[lang]["launcher"]).click()
    playwright_api.expect(page.get_by_role("dialog", name=UI[lang]["title"])).to_be_visible()


def ask(page, question: str, expected: str, lang: str = "fi") -> None:
    count = page.locator(BOT_MESSAGE).count()
    page.get_by_label(UI[lang]["input"]).fill(question)
    page.keyboard.press("Enter")
    playwright_api.expect(page.locator(BOT_MESSAGE).nth(count)).to_contain_text(
        expected, timeout=30_000
    )


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
    playwright_api.expect(page.locator(BOT_MESSAGE).nth(1)).to_contain_text(
        "Karjalan tasavallan", timeout=30_000
    )
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
    attack = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
    page.get_by_label("Kirjoita kysymyksesi").fill(attack)
    page.keyboard.press("Enter")
    playwright_api.expect(page.locator(".kl-msg.kl-user").last).to_contain_text("<img src=x")
    playwright_api.expect(page.locator(BOT_MESSAGE)).to_have_count(2, timeout=30_000)
    fake_reply(
        page,
        [
            {
                "text": '<img src=x onerror="window.__pwned=3"> https://example.org/x',
                "buttons": [
                    {"title": '<b onclick="window.__pwned=4">B</b>', "payload": "/ask_what"}
                ],
            }
        ],
    )
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
    playwright_api.expect(page.locator(BOT_MESSAGE).last).to_contain_text(
        "ylin toimielin", timeout=30_000
    )
    playwright_api.expect(page.get_by_role("status")).to_be_hidden()


def test_unreachable_bot_shows_finnish_error_and_retry_works(page):
    open_chat(page)
    page.route("**/webhooks/widget/webhook", lambda route: route.abort())
    page.get_by_label("Kirjoita kysymyksesi").fill("Mikä on BEAC?")
    page.keyboard.press("Enter")
    playwright_api.expect(page.locator(".kl-error")).to_contain_text(
        "Yhteys chatbottiin ei juuri nyt onnistu"
    )
    page.unroute("**/webhooks/widget/webhook")
    page.get_by_role("button", name="Yritä uudelleen").click()
    playwright_api.expect(page.locator(BOT_MESSAGE).last).to_contain_text(
        "ylin toimielin", timeout=30_000
    )
    assert page.locator(".kl-error").count() == 0


def sender_of(page) -> str:
    return page.evaluate("Object.values(localStorage).map(JSON.parse)[0].sender")


def test_an_answer_links_to_its_source_in_a_new_tab(page):
    open_chat(page)
    ask(page, "Mikä on Barents Youth?", "BRYC")
    source = page.locator(BOT_MESSAGE).last.locator(".kl-source")
    playwright_api.expect(source).to_contain_text("Lähde: Barents Youth")
    link = source.get_by_role("link", name="Barents Youth (avautuu uuteen välilehteen)")
    assert link.get_attribute("href").endswith("/webhooks/widget/demo.html#barents-youth")
    assert link.get_attribute("target") == "_blank"
    assert "noopener" in link.get_attribute("rel")


def test_a_source_that_is_no_web_address_is_shown_as_text(page):
    open_chat(page)
    fake_reply(
        page,
        [
            {
                "text": "Vastaus.\nLähde: Osio",
                "answer": "0" * 32,
                "source": {"title": "Osio", "url": "javascript:window.__pwned=1"},
            }
        ],
    )
    ask(page, "Mikä on BEAC?", "Lähde: Osio")
    assert page.locator(".kl-log a").count() == 0


def test_feedback_by_mouse_and_keyboard_is_stored_and_reported(page, bot, tmp_path):
    open_chat(page)
    ask(page, "Mikä on Euregio Karelia?", "Karjalan tasavallan")
    page.get_by_role("button", name="Kyllä, vastauksesta oli apua").click()
    thanks = page.locator(".kl-thanks")
    playwright_api.expect(thanks).to_have_text("Kiitos palautteesta!")
    assert page.evaluate("document.activeElement.className") == "kl-thanks"
    ask(page, "Paljonko Karelia CBC -ohjelmasta sai rahaa?", "Karelia CBC")
    unhelpful = page.get_by_role("button", name="Ei, vastauksesta ei ollut apua")
    playwright_api.expect(unhelpful).to_have_count(1)  # the rated answer has no buttons left
    unhelpful.focus()
    page.keyboard.press("Enter")
    playwright_api.expect(thanks).to_have_count(2)
    page.reload()
    open_chat(page)
    playwright_api.expect(thanks).to_have_count(2)  # one rating per answer, also after a reload
    assert page.get_by_role("button", name="Kyllä, vastauksesta oli apua").count() == 0

    stored = [
        json.loads(data)["value"]
        for kind, data in bot.stored_events(sender_of(page))
        if kind == "slot" and json.loads(data)["name"] == "feedback"
    ]
    assert [r["helpful"] for r in stored] == [True, False]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "staff.report",
            "--out",
            str(tmp_path),
            "--endpoints",
            str(bot.endpoints(tmp_path)),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )  # `make report` on the running bot's tracker store
    page_html = (tmp_path / report.HTML_NAME).read_text(encoding="utf-8")
    unhelpful_section = page_html[page_html.index("Vastaukset, joista ei ollut apua") :]
    assert "Paljonko Karelia CBC -ohjelmasta sai rahaa?" in unhelpful_section
    assert "Mikä on Euregio Karelia?" not in unhelpful_section


def test_a_failed_rating_says_so_and_can_be_given_again(page):
    open_chat(page)
    ask(page, "Mikä on BEAC?", "ylin toimielin")
    page.route("**/webhooks/widget/feedback", lambda route: route.abort())
    page.get_by_role("button", name="Ei, vastauksesta ei ollut apua").click()
    playwright_api.expect(page.get_by_role("alert")).to_have_text(
        "Palautteen lähetys epäonnistui. Yritä uudelleen."
    )
    page.unroute("**/webhooks/widget/feedback")
    page.get_by_role("button", name="Ei, vastauksesta ei ollut apua").click()
    playwright_api.expect(page.locator(".kl-thanks")).to_have_text("Kiitos palautteesta!")
    assert page.get_by_role("alert").count() == 0


@pytest.mark.parametrize(
    "privacy_url, link",
    [
        (None, None),
        ("https://example.org/tietosuoja", "https://example.org/tietosuoja"),
        ("javascript:alert(1)", None),
    ],
)
def test_the_welcome_asks_for_no_personal_data_and_links_the_privacy_statement(
    page, bot_url, privacy_url, link
):
    if privacy_url:
        demo = requests.get(f"{bot_url}/webhooks/widget/demo.html", timeout=10).text
        page.route(
            "**/demo.html",
            lambda route: route.fulfill(
                status=200,
                content_type="text/html",
                body=demo.replace(
                    "defer></script>", f'data-privacy-url="{privacy_url}" defer></script>'
                ),
            ),
        )
        page.reload()
    open_chat(page)
    notice = page.locator(".kl-privacy")
    playwright_api.expect(notice).to_contain_text("Älä kirjoita viesteihin henkilötietoja")
    links = notice.get_by_role("link")
    if link is None:
        assert links.count() == 0
    else:
        assert links.get_attribute("href") == link
        playwright_api.expect(links).to_have_accessible_name(
            "Tietosuojaseloste (avautuu uuteen välilehteen)"
        )


def test_too_many_messages_get_a_calm_reply_and_a_retry(page):
    open_chat(page)
    fake_reply(
        page, {"error": PHRASES["fi"].errors["too_many"]}, status=429, headers={"Retry-After": "5"}
    )
    page.get_by_label("Kirjoita kysymyksesi").fill("Mikä on BEAC?")
    page.keyboard.press("Enter")
    playwright_api.expect(page.locator(".kl-error")).to_contain_text(
        "Viestejä tulee nyt tiheämmin kuin ehdin vastata. Odota hetki"
    )
    page.unroute(WEBHOOK)
    page.get_by_role("button", name="Yritä uudelleen").click()
    playwright_api.expect(page.locator(BOT_MESSAGE).last).to_contain_text(
        "ylin toimielin", timeout=30_000
    )


def test_the_demo_page_allows_only_the_bots_own_scripts(bot_url):
    headers = requests.get(f"{bot_url}/webhooks/widget/demo.html", timeout=10).headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "server" not in {name.lower() for name in headers}  # no version banner


def test_accessibility_has_no_wcag_aa_violations_and_screenshots(page):
    ARTIFACTS.mkdir(exist_ok=True)
    open_chat(page)
    assert axe_violations(page) == []
    ask(page, "Mikä on Barents-yhteistyö?", "Luoteis-Venäjän")
    playwright_api.expect(page.locator(".kl-quick").first).to_be_visible()
    assert axe_violations(page) == []
    page.screenshot(path=str(ARTIFACTS / "widget-desktop.png"))
    screenshot_typical_answers(page, "fi", TYPICAL_ANSWERS["fi"])
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(page) == []
    page.screenshot(path=str(ARTIFACTS / "widget-320px.png"))


# Answers a visitor typically gets besides what a topic is: whom to ask, a detail the page does
# not give, and a yes/no question the page settles.
TYPICAL_ANSWERS = {
    "fi": [
        ("Kuka vastaa EU-yhteistyöstä?", "Ponnikas"),
        ("Paljonko Karelia CBC -ohjelmassa oli rahaa?", "Valitettavasti"),
        ("Onko EU-toimisto Helsingissä?", "Ei."),
    ],
    "en": [
        ("Who is responsible for EU cooperation?", "Ponnikas"),
        ("What was the budget of the Karelia CBC programme?", "I'm sorry"),
        ("Is the EU office in Helsinki?", "No."),
    ],
}


SIZES = {"desktop": (1280, 800), "320px": (320, 640)}


def screenshot_typical_answers(page, lang: str, answers) -> None:
    """Each answer on the desktop and at 320 px (widget-<lang>-answer-<n>-<size>.png), with
    nothing wider than the narrow screen."""
    for number, (question, expected) in enumerate(answers, start=1):
        ask(page, question, expected, lang)
        for size, (width, height) in SIZES.items():
            page.set_viewport_size({"width": width, "height": height})
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            page.screenshot(path=str(ARTIFACTS / f"widget-{lang}-answer-{number}-{size}.png"))


def interface_texts(page) -> str:
    """Everything the widget shows or says to a screen reader: text (also hidden), labels,
    placeholders."""
    return page.evaluate("""() => {
        const root = document.querySelector('.kl-chat');
        const attrs = [...root.querySelectorAll('*')].flatMap(
            n => ['aria-label', 'placeholder', 'title', 'alt'].map(a => n.getAttribute(a) || ''));
        return [root.textContent, ...attrs].join('\\n');
    }""")


def test_english_demo_page_shows_english_interface(page_en):
    page = page_en
    assert page.evaluate("document.documentElement.lang") == "en"
    open_chat(page, "en")
    dialog = page.get_by_role("dialog", name="Regional Council of Kainuu chatbot")
    assert page.locator(".kl-chat").get_attribute("lang") == "en"
    assert dialog.evaluate("d => d.closest('[lang]').getAttribute('lang')") == "en"
    playwright_api.expect(
        page.get_by_role("heading", name="Regional Council of Kainuu chatbot")
    ).to_be_visible()
    playwright_api.expect(page.get_by_role("button", name="Clear conversation")).to_be_visible()
    playwright_api.expect(page.get_by_role("button", name="Close chat")).to_be_visible()
    playwright_api.expect(page.get_by_role("button", name="Send", exact=True)).to_be_visible()
    playwright_api.expect(page.get_by_role("log", name="Conversation")).to_be_visible()
    field = page.get_by_role("textbox", name="Type your question")
    playwright_api.expect(field).to_have_attribute("placeholder", "Type your question…")
    playwright_api.expect(page.locator(BOT_MESSAGE).first).to_have_text(
        "Bot: Hi! I answer questions about the international activities of the Regional Council of "
        "Kainuu. Type a question or choose one below."
    )
    replies = page.get_by_role("group", name="Reply options").get_by_role("button")
    playwright_api.expect(replies).to_have_text(
        [
            "Which networks does the Regional Council of Kainuu belong to?",
            "Who should I contact about EU matters?",
            "What is Euregio Karelia?",
        ]
    )
    assert page.locator(".kl-typing").text_content() == "The bot is typing…"
    playwright_api.expect(page.locator(".kl-privacy")).to_have_text(
        "Please do not write personal data, such as your name or contact details, in your messages."
    )
    # The visitor's message and the error state with its retry button.
    page.route(WEBHOOK, lambda route: route.abort())
    field.fill("What is BEAC?")
    page.keyboard.press("Enter")
    playwright_api.expect(page.locator(".kl-msg.kl-user")).to_have_text("You: What is BEAC?")
    playwright_api.expect(page.locator(".kl-error")).to_contain_text(
        "The chatbot cannot be reached right now. Check your network connection and try again."
    )
    playwright_api.expect(page.get_by_role("button", name="Try again")).to_be_visible()
    page.unroute(WEBHOOK)
    fake_reply(page, {}, status=400)
    page.get_by_role("button", name="Try again").click()
    playwright_api.expect(page.locator(".kl-error")).to_contain_text(
        "The message could not be sent."
    )
    texts = interface_texts(page)
    assert [t for t in FINNISH_TEXTS if t in texts] == []


def test_an_english_answer_has_its_source_and_feedback_in_english(page_en):
    open_chat(page_en, "en")
    ask(page_en, "What is Barents Youth?", "BRYC", "en")
    playwright_api.expect(page_en.locator(".kl-source")).to_have_text(
        "Source (in Finnish): Barents Youth (opens in a new tab)"
    )
    playwright_api.expect(
        page_en.get_by_role("group", name="Was this answer helpful?")
    ).to_be_visible()
    page_en.get_by_role("button", name="Yes, the answer was helpful").click()
    playwright_api.expect(page_en.locator(".kl-thanks")).to_have_text(
        "Thank you for your feedback!"
    )


def test_finnish_interface_has_no_english_texts(page):
    open_chat(page)
    assert page.locator(".kl-chat").get_attribute("lang") == "fi"
    texts = interface_texts(page)
    assert "Kysy chatbotilta" in texts and "Vastausvaihtoehdot" in texts
    for english in [
        "Ask the chatbot",
        "Regional Council",
        "Clear conversation",
        "Close chat",
        "Type your question",
        "Reply options",
        "Conversation",
        "Bot:",
    ]:
        assert english not in texts


def test_english_mode_has_no_wcag_aa_violations(page_en, open_page):
    page = page_en
    ARTIFACTS.mkdir(exist_ok=True)
    open_chat(page, "en")
    assert axe_violations(page) == []
    # A real answer from the bot, whatever its language.
    page.get_by_label("Type your question").fill("What is the Barents cooperation?")
    page.keyboard.press("Enter")
    playwright_api.expect(page.locator(BOT_MESSAGE).nth(1)).to_be_visible(timeout=30_000)
    playwright_api.expect(page.get_by_role("status")).to_be_hidden()
    assert axe_violations(page) == []
    # A Finnish answer with quick replies on the English page: its lang must be valid too.
    fake_reply(
        page,
        [
            {
                "recipient_id": "x",
                "lang": "fi",
                "text": "Barents-yhteistyötä tehdään Suomen, "
                "Ruotsin, Norjan ja Luoteis-Venäjän kesken.",
                "buttons": [{"title": "Barents Youth", "payload": "/ask_what"}],
            }
        ],
    )
    ask(page, "Barents in Finnish, please", "Luoteis-Venäjän", "en")
    assert axe_violations(page) == []
    page.screenshot(path=str(ARTIFACTS / "widget-en-desktop.png"))
    page.unroute(WEBHOOK)  # the typical answers come from the bot itself
    screenshot_typical_answers(page, "en", TYPICAL_ANSWERS["en"])
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(page) == []
    page.screenshot(path=str(ARTIFACTS / "widget-en-320px.png"))


def is_webhook(request) -> bool:
    return request.method == "POST" and request.url.endswith("/webhooks/widget/webhook")


def is_forget(request) -> bool:
    return request.method == "POST" and request.url.endswith("/webhooks/widget/forget")


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_widget_sends_its_language_to_the_bot(open_page, lang):
    page = open_page(lang)
    open_chat(page, lang)
    with page.expect_request(is_webhook) as sent:
        page.get_by_role("group").get_by_role("button").first.click()  # a suggested question
    request = sent.value
    assert request.headers.get("accept-language") == lang
    body = json.loads(request.post_data)
    assert body["metadata"] == {"lang": lang}
    assert body["message"] and body["sender"] == page.evaluate(
        "Object.values(localStorage).map(JSON.parse)[0].sender"
    )
    assert request.response().ok, "the bot refused a message with metadata"
    playwright_api.expect(page.locator(BOT_MESSAGE).nth(1)).to_be_visible(timeout=30_000)
    with page.expect_request(is_forget) as forgot:
        page.get_by_role("button", name=UI[lang]["clear"]).click()
    assert forgot.value.headers.get("accept-language") == lang


@pytest.mark.parametrize("lang, other", [("fi", "en"), ("en", "fi")])
def test_bot_message_in_the_other_language_carries_its_lang(open_page, lang, other):
    page = open_page(lang)
    open_chat(page, lang)
    fake_reply(
        page,
        [
            {"recipient_id": "x", "lang": lang, "text": "Same language."},
            {"recipient_id": "x", "text": "No language."},
            {"recipient_id": "x", "lang": 'x" onclick="1', "text": "Bad language."},
            {
                "recipient_id": "x",
                "lang": other,
                "text": "Other language.",
                "buttons": [{"title": "Other button", "payload": "/ask_what"}],
            },
        ],
    )
    ask(page, "Hello", "Same language.", lang)

    def check():
        answers = page.locator(BOT_MESSAGE).filter(has_text="language.")
        playwright_api.expect(answers).to_have_count(4)
        own = [answers.nth(i).get_attribute("lang") for i in range(4)]
        effective = [
            answers.nth(i).evaluate("m => m.closest('[lang]').getAttribute('lang')")
            for i in range(4)
        ]
        assert own == [None, None, None, other]
        assert effective == [lang, lang, lang, other]
        # "Botti: " / "Bot: " is read in the widget's language, the answer in its own.
        assert answers.nth(3).locator(".kl-sr").get_attribute("lang") == lang
        assert page.get_by_role("button", name="Other button").get_attribute("lang") == other

    check()
    page.unroute(WEBHOOK)
    page.reload()  # the saved history keeps each message's language
    open_chat(page, lang)
    check()


def test_cors_is_not_open_to_other_sites_by_default(bot_url):
    reply = requests.post(
        f"{bot_url}/webhooks/widget/webhook",
        timeout=30,
        json={"sender": "b" * 32, "message": "Hei"},
        headers={"Origin": "https://evil.example"},
    )
    assert reply.status_code == 200
    assert "access-control-allow-origin" not in {k.lower() for k in reply.headers}
