import pytest

from newsdesk.clean import normalize


@pytest.mark.parametrize("text_in, text_out", [
    ("The mayorâ€™s office", "The mayor’s office"),          # mojibake repaired
    ("\ufeffHello\u200b world", "Hello world"),              # BOM and zero-width space dropped
    ("soft\u00adhyphen and a bell\x07 and a form feed\x0c", "softhyphen and a bell and a form feed"),  # one pass
    ("“Curly” and 'straight' quotes stay", "“Curly” and 'straight' quotes stay"),
    ("caf\u0065\u0301", "café"),                             # NFC
])
def test_unicode(text_in, text_out):
    assert normalize.unicode(text_in) == text_out


@pytest.mark.parametrize("text_in, text_out", [
    ("  One  line\t here  ", "One line here"),
    ("First.\n\n\n\nSecond.", "First.\n\nSecond."),
    ("A\r\n \r\nB", "A\n\nB"),
    ("Already clean.\n\nYes.", "Already clean.\n\nYes."),
])
def test_whitespace(text_in, text_out):
    assert normalize.whitespace(text_in) == text_out
