"""What a slide says aloud: recording or synthesis, the text spoken, and the cache key."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.content.config import Config
from kiosk.content.narration_config import NarrationConfig
from kiosk.show.deck import Deck, LocalizedText, Mark, NarrationOverride, Slide
from kiosk.show.narration import (
    Recorded,
    Synthesis,
    Voice,
    apply_pronunciations,
    every_synthesis,
    plan_narration,
)

CONFIG = Config(exhibition_dir=Path("/exhibition"))
FR, EN = CONFIG.narration.voice_for("fr"), CONFIG.narration.voice_for("en")


def said(text: str, lang: str, voice: Voice | None, caption: str | None = None) -> Synthesis:
    """The synthesis of a one-sentence caption (`text` itself unless given) said as `text`."""
    assert voice is not None
    length = len(text if caption is None else caption)
    return Synthesis(text, lang, voice, ((text, (0, length)),))


def make_slide(
    slide_id: str = "s",
    caption: tuple[tuple[str, str], ...] = (("fr", "Le pont"), ("en", "The bridge")),
    narration: tuple[tuple[str, NarrationOverride], ...] = (),
) -> Slide:
    return Slide(
        id=slide_id,
        image=Path(f"media/{slide_id}.png"),
        caption=LocalizedText(caption),
        credit=None,
        duration=10.0,
        transition="crossfade",
        where=Mark("deck.yaml", 3, 5),
        narration=narration,
    )


def make_deck(*slides: Slide, pronunciations=()) -> Deck:
    return Deck(
        Path("slides/deck.yaml"), LocalizedText.same_everywhere("D"), slides, pronunciations
    )


# Which voice, which text


def test_the_caption_is_spoken_by_the_voice_of_its_language() -> None:
    slide = make_slide()
    deck = make_deck(slide)
    assert plan_narration(deck, slide, "fr", CONFIG) == said("Le pont", "fr", FR)
    assert plan_narration(deck, slide, "en", CONFIG) == said("The bridge", "en", EN)


def test_a_narration_text_is_spoken_instead_of_the_caption() -> None:
    slide = make_slide(narration=(("en", NarrationOverride(text="Say this instead")),))
    deck = make_deck(slide)
    assert plan_narration(deck, slide, "en", CONFIG) == Synthesis("Say this instead", "en", EN)
    assert plan_narration(deck, slide, "fr", CONFIG) == said("Le pont", "fr", FR)


def test_a_recording_wins_over_text_and_caption() -> None:
    recording = Path("/exhibition/media/voice/pont.ogg")
    slide = make_slide(narration=(("fr", NarrationOverride(audio=recording)),))
    deck = make_deck(slide)
    plan = plan_narration(deck, slide, "fr", CONFIG)
    assert plan == Recorded(recording)
    assert plan.source == "recorded"
    assert plan_narration(deck, slide, "en", CONFIG).source == "tts"


def test_an_untranslated_slide_in_english_is_spoken_in_french_by_the_french_voice() -> None:
    slide = make_slide(caption=(("fr", "Seulement en français"),))
    deck = make_deck(slide)
    plan = plan_narration(deck, slide, "en", CONFIG)
    assert plan == said("Seulement en français", "fr", FR)
    assert plan == plan_narration(deck, slide, "fr", CONFIG)  # one file serves both screens


def test_a_plain_caption_is_the_same_text_said_in_each_voice_s_words() -> None:
    slide = make_slide(caption=(("*", "1944"),))
    deck = make_deck(slide)
    english = said("nineteen forty-four", "en", EN, caption="1944")
    assert plan_narration(deck, slide, "en", CONFIG) == english
    french = said("mille neuf cent quarante-quatre", "fr", FR, caption="1944")
    assert plan_narration(deck, slide, "fr", CONFIG) == french


def test_a_language_without_a_voice_cannot_be_spoken() -> None:
    config = replace(
        CONFIG,
        languages=("fr", "en", "oc"),
        narration=NarrationConfig(voices=(("fr", Voice("roa/fr")),)),
    )
    slide = make_slide(caption=(("fr", "Le pont"), ("en", "The bridge"), ("oc", "Lo pont")))
    deck = make_deck(slide)
    assert plan_narration(deck, slide, "oc", config) is None
    assert plan_narration(deck, slide, "en", config) is None
    assert plan_narration(deck, slide, "fr", config) == said("Le pont", "fr", Voice("roa/fr"))


# Pronunciations


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("Montélimar", "Monntélimarr"),
        ("à Montélimar.", "à Monntélimarr."),
        ("Montélimar, Montélimar!", "Monntélimarr, Monntélimarr!"),
        ("(Montélimar)", "(Monntélimarr)"),
        ("les Montélimarais", "les Montélimarais"),
        ("AMontélimar", "AMontélimar"),
        ("Montélimar_2", "Montélimar_2"),
        ("montélimar", "montélimar"),  # as written, case and all
    ],
)
def test_pronunciations_replace_whole_words_only(text: str, spoken: str) -> None:
    assert apply_pronunciations(text, (("Montélimar", "Monntélimarr"),)) == spoken


def test_the_longest_written_form_is_replaced_first() -> None:
    pairs = (("Livron", "Lee-vron"), ("Livron-sur-Drôme", "Lee-vron on the Drome"))
    assert apply_pronunciations("Livron-sur-Drôme", pairs) == "Lee-vron on the Drome"
    assert apply_pronunciations("Livron and Livron-sur-Drôme", pairs) == (
        "Lee-vron and Lee-vron on the Drome"
    )


def test_a_replacement_is_not_replaced_again() -> None:
    pairs = (("A", "B"), ("B", "C"))
    assert apply_pronunciations("A B", pairs) == "B C"


def test_words_with_regex_characters_are_taken_literally() -> None:
    pairs = (("C.G.T.", "C G T"), ("a+b", "a plus b"))
    assert apply_pronunciations("la C.G.T. et a+b, pas CxGxTx", pairs) == (
        "la C G T et a plus b, pas CxGxTx"
    )


def test_no_pronunciations_leave_the_text_alone() -> None:
    assert apply_pronunciations("Montélimar", ()) == "Montélimar"


def test_pronunciations_reach_the_spoken_text_never_the_caption() -> None:
    slide = make_slide(caption=(("fr", "Montélimar et les Montélimarais"), ("en", "Montélimar")))
    deck = make_deck(slide, pronunciations=(("en", (("Montélimar", "Mon-tay-lee-mar"),)),))
    assert plan_narration(deck, slide, "en", CONFIG).text == "Mon-tay-lee-mar"
    assert plan_narration(deck, slide, "fr", CONFIG).text == "Montélimar et les Montélimarais"
    assert slide.caption.get("en") == "Montélimar"  # the screen still shows it as written


def test_pronunciations_apply_to_a_narration_text_too() -> None:
    slide = make_slide(narration=(("en", NarrationOverride(text="Welcome to Livron")),))
    deck = make_deck(slide, pronunciations=(("en", (("Livron", "Lee-vron"),)),))
    assert plan_narration(deck, slide, "en", CONFIG).text == "Welcome to Lee-vron"


def test_a_fallback_caption_uses_the_pronunciations_of_the_language_it_is_in() -> None:
    slide = make_slide(caption=(("fr", "Livron"),))
    deck = make_deck(
        slide, pronunciations=(("en", (("Livron", "Lee-vron"),)), ("fr", (("Livron", "Livrone"),)))
    )
    assert plan_narration(deck, slide, "en", CONFIG) == said("Livrone", "fr", FR, caption="Livron")


# The cache key


def job(**changes: object) -> Synthesis:
    voice = Voice("roa/fr", 160, 1.0)
    fields: dict[str, object] = {"text": "Le pont", "lang": "fr", "voice": voice}
    fields.update(changes)
    return Synthesis(**fields)


ENGINE = "pyttsx3 2.99; eSpeak NG text-to-speech: 1.51"


def test_the_cache_key_is_stable_and_names_its_language() -> None:
    key = job().cache_key(ENGINE)
    assert key == job().cache_key(ENGINE)
    assert key == Synthesis("Le pont", "fr", Voice("roa/fr")).cache_key(ENGINE)
    assert key.startswith("fr-") and len(key) == len("fr-") + 24
    assert job().cache_path(Path("/cache"), ENGINE) == Path(f"/cache/{key}.wav")


@pytest.mark.parametrize(
    "changed",
    [
        pytest.param(job(text="Le pont."), id="text"),
        pytest.param(job(text="le pont"), id="text-case"),
        pytest.param(job(voice=Voice("roa/fr-BE", 160, 1.0)), id="voice"),
        pytest.param(job(voice=Voice("roa/fr", 161, 1.0)), id="rate"),
        pytest.param(job(voice=Voice("roa/fr", 160, 0.9)), id="volume"),
        pytest.param(job(lang="en"), id="lang"),
    ],
)
def test_the_cache_key_changes_with_everything_that_shapes_the_sound(changed: Synthesis) -> None:
    assert changed.cache_key(ENGINE) != job().cache_key(ENGINE)


def test_the_cache_key_changes_with_the_engine_version() -> None:
    assert job().cache_key(ENGINE) != job().cache_key(ENGINE.replace("1.51", "1.52"))


def test_the_cache_key_ignores_what_does_not_change_the_sound() -> None:
    one = make_slide("one", caption=(("fr", "Le pont"), ("en", "One")))
    two = make_slide("two", caption=(("fr", "Le pont"), ("en", "Two")))
    other_deck = Deck(Path("slides/other.yaml"), LocalizedText.same_everywhere("O"), (two,))
    first = plan_narration(make_deck(one), one, "fr", CONFIG)
    second = plan_narration(other_deck, two, "fr", replace(CONFIG, slide_duration=30))
    assert first.cache_key(ENGINE) == second.cache_key(ENGINE)


# Everything the show needs


def test_every_synthesis_is_listed_once_in_play_order_without_recordings() -> None:
    a = make_slide("a", caption=(("fr", "Un"), ("en", "One")))
    b = make_slide(
        "b",
        caption=(("fr", "Deux"), ("en", "Two")),
        narration=(("fr", NarrationOverride(audio=Path("/exhibition/media/deux.ogg"))),),
    )
    c = make_slide("c", caption=(("fr", "Un"),))  # same French text as a, and untranslated
    wanted = every_synthesis((make_deck(a, b, c),), CONFIG, ("fr", "en"))
    assert [(slide.id, job.lang, job.text) for _, slide, job in wanted] == [
        ("a", "fr", "Un"),
        ("a", "en", "One"),
        ("b", "en", "Two"),
    ]
    only_en = every_synthesis((make_deck(a, b, c),), CONFIG, ("en",))
    assert [(slide.id, job.lang, job.text) for _, slide, job in only_en] == [
        ("a", "en", "One"),
        ("b", "en", "Two"),
        ("c", "fr", "Un"),  # shown in English but spoken in French
    ]


def test_an_untranslated_slide_is_spoken_in_the_default_language_not_the_first() -> None:
    """Languages [en, fr, de], default fr, a caption written in en then fr: in de, the screen
    shows the French text, so the French voice says it, not the English voice nor the English
    text."""
    config = replace(CONFIG, languages=("en", "fr", "de"), default_language="fr")
    slide = make_slide(caption=(("en", "The bridge"), ("fr", "Le pont")))
    deck = make_deck(slide)
    assert plan_narration(deck, slide, "de", config) == said("Le pont", "fr", FR)
    assert plan_narration(deck, slide, "en", config) == said("The bridge", "en", EN)


# Sentences, for the highlight


def test_a_caption_is_said_sentence_by_sentence_each_tied_to_its_span() -> None:
    caption = "En 1944, le pont saute. Le train passe!"
    slide = make_slide(caption=(("fr", caption),))
    plan = plan_narration(make_deck(slide), slide, "fr", CONFIG)
    assert isinstance(plan, Synthesis)
    assert plan.sentences == (
        ("En mille neuf cent quarante-quatre, le pont saute.", (0, 23)),
        ("Le train passe!", (24, 39)),
    )
    assert [caption[a:b] for _, (a, b) in plan.sentences] == [
        "En 1944, le pont saute.",
        "Le train passe!",
    ]
    assert plan.text == " ".join(text for text, _ in plan.sentences)


def test_a_narration_text_has_no_sentences_to_light() -> None:
    slide = make_slide(narration=(("en", NarrationOverride(text="Say this. Then that.")),))
    plan = plan_narration(make_deck(slide), slide, "en", CONFIG)
    assert isinstance(plan, Synthesis) and plan.sentences == ()


def test_the_cache_key_changes_with_the_sentences_and_names_its_cue_file() -> None:
    plain = job()
    split = job(sentences=(("Le pont", (0, 7)),))
    assert plain.cache_key(ENGINE) != split.cache_key(ENGINE)
    wav = split.cache_path(Path("/cache"), ENGINE)
    assert split.cues_path(Path("/cache"), ENGINE) == wav.with_name(f"{wav.stem}.cues.json")
