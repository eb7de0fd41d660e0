"""Tests for indexer.html_text: sanitizing descriptions and reading them as plain text."""

import re

from hypothesis import given
from hypothesis import strategies as st

from indexer.html_text import ALLOWED_TAGS, html_to_text, sanitize_html, unescape_html_once

ALERT_SCRIPT = "<script>alert('stolen')</script>"
OUTPUT_TAG = re.compile(r'<(/?)([a-z0-9]+)((?:[^>"]|"[^"]*")*)>')
ATTRIBUTE_NAME = re.compile(r"\s([a-z-]+)=")


def test_script_element_and_its_code_are_removed() -> None:
    cleaned = sanitize_html(f"<p>Coder wanted</p>{ALERT_SCRIPT}")

    assert cleaned == "<p>Coder wanted</p>"


def test_style_element_and_its_rules_are_removed() -> None:
    cleaned = sanitize_html("<style>p { color: red }</style><p>CPC</p>")

    assert cleaned == "<p>CPC</p>"


def test_event_handler_attributes_are_removed() -> None:
    cleaned = sanitize_html('<p onclick="steal()" onmouseover="x()">Apply</p>')

    assert cleaned == "<p>Apply</p>"


def test_javascript_link_loses_its_href() -> None:
    cleaned = sanitize_html('<a href="javascript:alert(1)">Apply</a>')

    assert "javascript" not in cleaned
    assert "href" not in cleaned
    assert "Apply" in cleaned


def test_https_link_keeps_href_and_gets_nofollow_rel() -> None:
    cleaned = sanitize_html('<a href="https://jobs.example.com/1" target="_blank">Apply</a>')

    assert cleaned == (
        '<a href="https://jobs.example.com/1" rel="nofollow noopener noreferrer">Apply</a>'
    )


def test_mailto_link_keeps_href() -> None:
    cleaned = sanitize_html('<a href="mailto:hr@example.com">Email us</a>')

    assert 'href="mailto:hr@example.com"' in cleaned


def test_relative_link_loses_its_href() -> None:
    cleaned = sanitize_html('<a href="/jobs/1">Apply</a>')

    assert "href" not in cleaned


def test_iframe_and_image_are_removed() -> None:
    cleaned = sanitize_html('<iframe src="https://evil.example"></iframe><img src="x.png">Hi')

    assert cleaned == "Hi"


def test_formatting_tags_survive_without_attributes() -> None:
    html = '<h2 class="title">Duties</h2><ul style="x"><li><strong>Code</strong> charts</li></ul>'

    assert sanitize_html(html) == "<h2>Duties</h2><ul><li><strong>Code</strong> charts</li></ul>"


def test_unknown_tag_is_removed_but_its_text_kept() -> None:
    assert sanitize_html("<font color=red>Remote</font> role") == "Remote role"


def test_sanitize_does_not_unescape_escaped_html() -> None:
    assert sanitize_html("&lt;p&gt;Code&lt;/p&gt;") == "&lt;p&gt;Code&lt;/p&gt;"


def test_escaped_once_html_is_restored_by_unescape_then_sanitized() -> None:
    escaped = "&lt;p&gt;Code &amp;amp; bill&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;"

    restored = unescape_html_once(escaped)

    assert restored == "<p>Code &amp; bill</p><script>alert(1)</script>"
    assert sanitize_html(restored) == "<p>Code &amp; bill</p>"
    assert html_to_text(restored) == "Code & bill"


def test_script_text_never_reaches_plain_text() -> None:
    text = html_to_text(f"<div>Coder{ALERT_SCRIPT}<style>.x{{}}</style> role</div>")

    assert "alert" not in text
    assert "stolen" not in text
    assert text == "Coder role"


def test_heading_stands_on_its_own_line() -> None:
    text = html_to_text("<p>Intro</p><h3>Requirements</h3>CPC required")

    assert text == "Intro\n\nRequirements\n\nCPC required"


def test_list_items_start_lines_with_a_dash() -> None:
    text = html_to_text("Must have:<ul><li>CPC</li><li>Epic <b>experience</b></li></ul>")

    assert text == "Must have:\n- CPC\n- Epic experience"


def test_ordered_list_items_also_start_with_a_dash() -> None:
    assert html_to_text("<ol><li>One</li><li>Two</li></ol>") == "- One\n- Two"


def test_list_item_wrapping_a_paragraph_keeps_its_dash_with_the_text() -> None:
    assert html_to_text("<ul><li><p>ICD-10</p></li></ul>") == "- ICD-10"


def test_inline_elements_do_not_break_lines() -> None:
    html = "<p>Work <b>remotely</b> with <em>great</em> <a href='https://x.org'>benefits</a></p>"

    assert html_to_text(html) == "Work remotely with great benefits"


def test_br_breaks_a_line_and_two_brs_leave_one_blank_line() -> None:
    assert html_to_text("Pay:<br>$25/hr<br><br>Benefits") == "Pay:\n$25/hr\n\nBenefits"


def test_table_rows_become_lines_with_cells_separated() -> None:
    html = "<table><tr><th>Shift</th><td>Days</td></tr><tr><td>Pay</td><td>$22</td></tr></table>"

    assert html_to_text(html) == "Shift | Days\nPay | $22"


def test_empty_list_item_leaves_no_dash_on_the_next_paragraph() -> None:
    html = "<ul><li>CPC</li><li> </li></ul><p>Apply now</p>"

    assert html_to_text(html) == "- CPC\n\nApply now"


def test_row_ending_in_an_empty_cell_leaves_no_separator_on_the_next_row() -> None:
    html = "<table><tr><td>Pay</td><td></td></tr><tr><td>Shift</td></tr></table>"

    assert html_to_text(html) == "Pay\nShift"


def test_blockquote_and_div_start_new_lines() -> None:
    html = "<div>First</div><div>Second</div><blockquote>Quoted</blockquote>"

    assert html_to_text(html) == "First\nSecond\n\nQuoted"


def test_whitespace_is_collapsed_within_a_line() -> None:
    assert html_to_text("<p>  Medical \n\t coder  </p>") == "Medical coder"


def test_at_most_one_blank_line_in_a_row() -> None:
    text = html_to_text("<p>A</p><p></p><p> </p><br><br><br><h2>B</h2>")

    assert text == "A\n\nB"


def test_entities_are_decoded_and_nbsp_becomes_a_space() -> None:
    assert html_to_text("<p>Coding&nbsp;&amp;&nbsp;billing &lt;remote&gt;</p>") == (
        "Coding & billing <remote>"
    )


def test_text_without_tags_keeps_its_newlines() -> None:
    text = html_to_text("Duties:\r\n  Code   charts\n\n\n\nBenefits &amp; pay  ")

    assert text == "Duties:\nCode charts\n\nBenefits & pay"


def test_text_with_a_less_than_sign_is_not_mistaken_for_html() -> None:
    assert html_to_text("Salary < $50k\nRemote") == "Salary < $50k\nRemote"


def test_empty_and_whitespace_input_give_empty_text() -> None:
    assert html_to_text("") == ""
    assert html_to_text(" \n\t ") == ""
    assert sanitize_html("") == ""


def test_nul_bytes_and_lone_surrogates_are_dropped() -> None:
    assert html_to_text("<p>Co\x00der\ud800</p>") == "Coder"
    assert sanitize_html("<p>Co\x00der\ud800</p>") == "<p>Coder</p>"


def test_unclosed_tags_still_give_their_text() -> None:
    assert html_to_text("<ul><li>Coder<li>Biller") == "- Coder\n- Biller"


def test_deep_nesting_does_not_raise() -> None:
    depth = 1500
    html = "<div>" * depth + "deep" + "</div>" * depth

    assert html_to_text(html) == "deep"
    assert "deep" in sanitize_html(html)


TAG_FRAGMENTS = st.sampled_from(
    [
        "<p>", "</p>", "<div>", "</div>", "<li>", "<ul>", "</ul>", "<br>", "<br/>", "<h2>",
        "</h2>", "<script>", "</script>", "<style>", "<a href='javascript:x'>", "</a>",
        "<table>", "<tr>", "<td>", "<!--", "-->", "<![CDATA[", "]]>", "<", ">", "&", "&amp;",
        "&nbsp;", "&#0;", "&#xD800;", "\x00", "\ud800", "\n", " ", "text", "<b onclick=x>",
        "</", "<?xml", "<!DOCTYPE html>", "<svg>", "<iframe>", '"', "'", "=",
    ]
)  # fmt: skip


def assert_tidy(text: str) -> None:
    assert "\n\n\n" not in text
    assert all(line == " ".join(line.split()) for line in text.split("\n"))


@given(st.text())
def test_arbitrary_text_never_raises_and_gives_tidy_text(text: str) -> None:
    assert isinstance(sanitize_html(text), str)
    assert_tidy(html_to_text(text))


@given(st.lists(st.one_of(TAG_FRAGMENTS, st.text(max_size=5)), max_size=40).map("".join))
def test_arbitrary_tag_soup_never_raises_and_leaves_only_allowed_markup(soup: str) -> None:
    sanitized = sanitize_html(soup)

    assert_tidy(html_to_text(soup))
    for _closing, tag, attributes in OUTPUT_TAG.findall(sanitized):
        assert tag in ALLOWED_TAGS
        assert set(ATTRIBUTE_NAME.findall(attributes)) <= {"href", "rel"}
    assert 'href="javascript' not in sanitized.lower()
