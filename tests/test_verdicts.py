"""Yes/no questions whose answer settles them open with the yes or the no (bot.answering.verdicts),
in both languages; those it does not settle get the passage alone."""

from __future__ import annotations

import pytest

from bot.answering.answers import Answerer


@pytest.mark.parametrize(
    "lang, question, kind, topics, opener",
    [
        # A wrong place, a right one, a country by its city.
        ("fi", "Toimiiko Barents-sihteeristö Ruotsissa?", "where", ["barents_sihteeristo"], "Ei."),
        ("fi", "Onko Barents-sihteeristö Norjassa?", "where", ["barents_sihteeristo"], "Kyllä."),
        ("fi", "Onko EU-toimisto Suomessa?", "where", ["eu_toimisto"], "Ei."),
        ("en", "Is the EU office based in Oulu?", "where", ["eu_toimisto"], "No."),
        ("en", "Is the Barents secretariat in Norway?", "where", ["barents_sihteeristo"], "Yes."),
        # A member region, listed or not; a country taking part.
        ("fi", "Kuuluuko Pohjois-Savo Euregio Kareliaan?", "members", ["euregio_karelia"], "Ei."),
        ("fi", "Onko Lappi mukana Barents-yhteistyössä?", "members", ["barents"], "Kyllä."),
        ("en", "Is North Savo a member of Euregio Karelia?", "members", ["euregio_karelia"], "No."),
        # A sentence that says the thing stands apart from what the question names.
        ("fi", "Onko Barents Games osa virallista yhteistyötä?", "what", ["barents_sports"], "Ei."),
        (
            "en",
            "Is the Barents Games part of the official Barents cooperation?",
            "what",
            ["barents_sports"],
            "No.",
        ),
        ("en", "Is Lapland one of the Finnish member regions?", "members", ["barents"], "Yes."),
        # A restatement with one claim in it: the places swapped, the years, a member with the
        # list's own words.
        (
            "fi",
            "Sijaitseeko Barents-sihteeristö Ruotsin Kirkkoniemessä?",
            "where",
            ["barents_sihteeristo"],
            "Ei.",
        ),
        ("en", "Is the EU office located in Brussels, Belgium?", "where", ["eu_toimisto"], "Yes."),
        ("fi", "Rakennettiinko Kostamus 1974–1983?", "when", ["venaja_yhteistyo"], "Kyllä."),
        # Whether a person is responsible for something, in the bare shape: their post, or the
        # thing's own contacts.
        (
            "fi",
            "Onko Katja Sukuvaara EU-yhteistyön vastuuhenkilö?",
            "person",
            ["katja_sukuvaara", "eu_yhteistyo"],
            "Ei.",
        ),
        ("fi", "Vastaako Jouni Ponnikas Barents-yhteistyöstä?", "person", ["barents"], "Ei."),
        (
            "en",
            "Is Katja Sukuvaara the person to contact about Barents cooperation?",
            "person",
            ["katja_sukuvaara", "barents"],
            "Yes.",
        ),
        (
            "en",
            "Is the International Barents Secretariat based in Kirkenes in Norway?",
            "where",
            ["barents_sihteeristo"],
            "Yes.",
        ),
        (
            "fi",
            "Kuuluuko Lappi niihin maakuntiin, joiden toimijoiden etuja EU-toimisto valvoo?",
            "members",
            ["eu_toimisto"],
            "Kyllä.",
        ),
        # What another sentence says of someone else, a narrowing word, a year of a span.
        (
            "fi",
            "Toimiko Kainuun liitto Karelia CBC -ohjelman hallintoviranomaisena?",
            "members",
            ["karelia_cbc"],
            None,
        ),
        (
            "fi",
            "Toimiko Kainuun liitto hallintoviranomaisena vuosina 2014–2020?",
            "when",
            ["karelia_cbc"],
            None,
        ),
        (
            "fi",
            "Rakennettiinko Kostamus vasta vuosina 1974–1983?",
            "when",
            ["venaja_yhteistyo"],
            None,
        ),
        ("fi", "Keskeytyikö Venäjä-yhteistyö vuonna 2022?", "when", ["venaja_yhteistyo"], None),
        # A fresh-eyes review's wrong verdicts: a place left out of a list the names hide, a
        # region standing for another, a word of time, roles reversed, a place asked of a list.
        (
            "fi",
            "Tehdäänkö Barents-yhteistyötä Suomen, Ruotsin ja Norjan kesken?",
            "what",
            ["barents"],
            None,
        ),
        (
            "en",
            "Does Barents cooperation take place between Finland, Sweden and Norway?",
            "what",
            ["barents"],
            None,
        ),
        (
            "en",
            "Was North Karelia the managing authority of the Karelia CBC programme (2014–2020)?",
            "what",
            ["karelia_cbc"],
            None,
        ),
        (
            "en",
            "Was the Karelia CBC programme the most recent EU programme before 2014–2020?",
            "what",
            ["karelia_cbc"],
            None,
        ),
        (
            "en",
            "Does Lapland represent the interests of the EU office?",
            "members",
            ["eu_toimisto"],
            None,
        ),
        ("en", "Is the EU office located in North Savo?", "where", ["eu_toimisto"], None),
        # Words shared with the answer do not settle it: tense, another person's post, word
        # order, a part of the thing that stands apart.
        ("fi", "Jatkuuko Venäjä-yhteistyö?", "what", ["venaja_yhteistyo"], None),
        ("en", "Is the Russia cooperation active?", "what", ["venaja_yhteistyo"], None),
        ("en", "Does the management team report to the team?", "how", ["kv_tiimi"], None),
        ("fi", "Onko Jouni Ponnikas aluekehitysjohtaja?", "person", ["jouni_ponnikas"], None),
        ("fi", "Raportoiko johtoryhmä tiimille?", "how", ["kv_tiimi"], None),
        # The contact for a cooperation does not run its bodies; "vain" narrows the claim.
        ("fi", "Vastaako Katja Sukuvaara BRYC:stä?", "person", ["barents_youth"], None),
        ("fi", "Vastaako Jouni Ponnikas vain EU-yhteistyöstä?", "person", ["eu_yhteistyo"], None),
        # Another time, a narrower claim, a region, an event or place instead of the
        # cooperation, the whole's overall responsibility: not the bare shape.
        (
            "fi",
            "Oliko Katja Sukuvaara Kostamuksen rakentamisen vastuuhenkilö?",
            "person",
            ["katja_sukuvaara", "venaja_yhteistyo"],
            None,
        ),
        (
            "fi",
            "Onko Katja Sukuvaara Venäjä-yhteistyön ainoa vastuuhenkilö?",
            "person",
            ["katja_sukuvaara", "venaja_yhteistyo"],
            None,
        ),
        (
            "fi",
            "Vastaako Jouni Ponnikas Lapin EU-yhteistyöstä?",
            "person",
            ["jouni_ponnikas", "eu_yhteistyo"],
            None,
        ),
        (
            "fi",
            "Vastaako Katja Sukuvaara Venäjästä?",
            "person",
            ["katja_sukuvaara", "venaja_yhteistyo"],
            None,
        ),
        (
            "fi",
            "Vastaako maakuntajohtaja Barents-yhteistyöstä?",
            "person",
            ["maakuntajohtaja", "barents"],
            None,
        ),
        (
            "en",
            "Is the regional mayor responsible for EU cooperation?",
            "person",
            ["maakuntajohtaja", "eu_yhteistyo"],
            None,
        ),
        (
            "fi",
            "Vastaako Katja Sukuvaara kansainvälisestä toiminnasta?",
            "person",
            ["kansainvalinen_toiminta"],
            None,
        ),
        ("fi", "Ovatko talvikisat osa Barents Gamesia?", "what", ["barents_sports"], None),
        (
            "en",
            "Is the Barents Regional Council the highest body of Barents cooperation?",
            "what",
            ["brc", "barents"],
            None,
        ),
        # Not settled: a year, an either-or question, a place or region that is not all the
        # question says, a region inside an object's name, no place in the answer.
        ("fi", "Alkoiko raja-alueyhteistyö vuonna 2001?", "when", ["karelia_cbc"], None),
        ("fi", "Onko EU-toimisto Brysselissä vai Helsingissä?", "where", ["eu_toimisto"], None),
        # A place asked of something that is not where it is, or with a figure that claims more.
        (
            "fi",
            "Vastaako Katja Sukuvaara Barents-yhteistyöstä Norjassa?",
            "person",
            ["katja_sukuvaara", "barents"],
            None,
        ),
        (
            "en",
            "Is the Barents cooperation area made up of 13 regions in Finland?",
            "where",
            ["barents"],
            None,
        ),
        ("fi", "Onko EU-toimisto muualla kuin Suomessa?", "where", ["eu_toimisto"], None),
        ("fi", "Onko EU-toimistolla työntekijöitä Suomessa?", "where", ["eu_toimisto"], None),
        (
            "en",
            "Does the Barents cooperation have an office in Finland?",
            "where",
            ["barents"],
            None,
        ),
        ("fi", "Kuuluuko Barents-yhteistyöhön vain Lappi?", "members", ["barents"], None),
        ("fi", "Onko Kainuu yhä mukana Euregio Kareliassa?", "members", ["euregio_karelia"], None),
        (
            "en",
            "Is the Kainuu Russia strategy part of the Barents cooperation?",
            "members",
            ["barents"],
            None,
        ),
        (
            "en",
            "Are companies from Lapland members of the EU office?",
            "members",
            ["eu_toimisto"],
            None,
        ),
        ("en", "Is Euregio Karelia still active?", "what", ["euregio_karelia"], None),
    ],
)
def test_a_settled_yes_no_question_opens_with_yes_or_no(kb, lang, question, kind, topics, opener):
    answerer = Answerer(kb, lang)
    text = answerer.respond(answerer.read(question), kind, topics).text
    openers = {answerer.phrases.yes, answerer.phrases.no}
    assert text.split()[0] == opener if opener else text.split()[0] not in openers, text
