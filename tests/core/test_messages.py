"""Engine messages: an id, an English template and arguments; translated by whoever shows them."""

from __future__ import annotations

import pickle

import pytest

from cnnstudio.core.errors import ModelSpecError, UserError
from cnnstudio.core.messages import Message, catalogue, define, format_message, text

GREETING = define("test.greeting", "Loaded {count} images of {name}")
NESTED = define("test.nested", "Skipped {path}: {reason}")
REASON = define("test.reason", "truncated")


def test_a_message_reads_as_english_and_keeps_its_id_and_arguments():
    message = GREETING(count=3, name="cats")
    assert str(message) == "Loaded 3 images of cats"
    assert message.id == "test.greeting" and message.arguments == {"count": 3, "name": "cats"}


def test_a_translation_replaces_the_template_and_nested_messages_are_translated_too():
    french = {"test.nested": "{path} ignoré : {reason}", "test.reason": "tronqué"}
    message = NESTED(path="a.jpg", reason=REASON())
    assert format_message(message, lambda mid, template: french.get(mid, template)) == "a.jpg ignoré : tronqué"
    assert str(message) == "Skipped a.jpg: truncated"


def test_a_broken_translation_falls_back_to_english():
    message = GREETING(count=1, name="dogs")
    assert format_message(message, lambda mid, template: "{nombre} {name}") == "Loaded 1 images of dogs"


def test_missing_or_unexpected_arguments_are_refused_where_the_message_is_made():
    with pytest.raises(TypeError, match="count"):
        GREETING(name="cats")
    with pytest.raises(TypeError, match="colour"):
        GREETING(count=1, name="cats", colour="red")


def test_an_id_cannot_be_defined_twice_with_different_texts():
    assert define("test.greeting", "Loaded {count} images of {name}").id == "test.greeting"
    with pytest.raises(ValueError, match="already defined"):
        define("test.greeting", "Something else")


def test_the_catalogue_lists_every_defined_template():
    assert catalogue()["test.greeting"] == "Loaded {count} images of {name}"


def test_errors_carry_their_message_and_survive_pickling():
    error = ModelSpecError(GREETING(count=2, name="birds"), layer_index=4)
    copy = pickle.loads(pickle.dumps(error))
    assert isinstance(copy, ModelSpecError) and copy.layer_index == 4
    assert copy.message == error.message and str(copy) == "Loaded 2 images of birds"
    plain = UserError("no such folder")
    assert plain.message == text("no such folder") and isinstance(plain.message, Message)
