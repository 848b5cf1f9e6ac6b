"""The answer-shape figures (tests/harness/answer_shape.py) count what a reader would."""

from __future__ import annotations

from tests.harness import answer_shape


def test_the_shape_of_right_answers_is_counted_per_language():
    results = [
        {
            "lang": "fi",
            "turns": [
                {
                    "outcome": "right",
                    "expect": ["Bryssel"],
                    "reply": "EU-toimisto on Brysselissä. Se valvoo etuja.",
                },
                {
                    "outcome": "right",
                    "expect": [["13", "kolmetoista"]],
                    "reply": "Alue on laaja. Alueita on 13. Alue on laaja.",
                },
                {"outcome": "wrong", "expect": ["Kirkkonie"], "reply": "Ei tietoa."},
            ],
        }
    ]
    figures = answer_shape.figures(results)["fi"]
    assert figures["right answers"] == 2
    assert figures["fact in first sentence"] == 0.5
    assert figures["6 words twice"] == 0  # three words twice are no repeat
    results[0]["turns"][1]["reply"] += (
        " Alue on laaja ja pohjoinen ja kylmä. Alue on laaja ja pohjoinen ja kylmä."
    )
    assert answer_shape.figures(results)["fi"]["6 words twice"] == 1


def test_a_yes_or_no_opens_the_first_sentence_it_does_not_replace():
    assert answer_shape.first_sentence("Ei. Toimisto on Brysselissä. Se valvoo.") == (
        "Ei. Toimisto on Brysselissä."
    )
    assert answer_shape.first_sentence("Toimisto on Brysselissä. Ei muuta.") == (
        "Toimisto on Brysselissä."
    )
