"""Failure classes of reading real web pages (issue 19), each on a small page of our own that
reproduces it: the text we store is the page's text, and the article is found whatever its
wrapper's class says."""

from __future__ import annotations

from ingest.formats import read_articles
from ingest.read import InputError, InputWarning
from ingest.webpage import read_html
from ingest.webpage.blocks import parse_page, walk_blocks
from ingest.webpage.story import tag_paragraphs

STORY = [
    "The council voted on Tuesday night to close the old swimming baths on Mill Lane after ninety years,"
    " despite a petition signed by more than four thousand residents who wanted the building saved.",
    "Councillors said the cost of repairing the roof and the pumps had risen to almost two million pounds,"
    " money the town does not have after three years of cuts to its grant from central government.",
    "Swimmers who have used the pool since they were children lined the public gallery, and several of"
    " them wept as the result was read out by the mayor shortly before eleven o'clock in the evening.",
    "A new leisure centre with two pools is planned on the edge of town, but building work will not start"
    " before next spring at the earliest, and the old baths will close at the end of this month.",
]


def page(article: str, title: str = "Council votes to close the old baths") -> str:
    return (
        f"<html><head><title>{title}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
        f"{article}<footer><p>Copyright Northgate Evening Post. All rights reserved.</p></footer></body></html>"
    )


def paragraphs(html: str) -> list[tuple[str, str]]:
    return [(p.kind, p.text) for p in read_html("page.html", html).paragraphs]


def body(html: str) -> list[str]:
    return [text for kind, text in paragraphs(html) if kind == "body"]


def test_inline_elements_keep_the_spaces_around_them():
    glued = (
        "<p>The hotel is run by a family firm of <strong>apartments </strong>specialists from the coast, and"
        " the mayor said:<em> Gladly</em>. Since<b> 2019</b> it has been allowed to open all year round.</p>"
    )
    (first, *_) = body(
        page(
            f"<article><h1>Council votes to close the old baths</h1>{glued}"
            + "".join(f"<p>{p}</p>" for p in STORY)
            + "</article>"
        )
    )
    assert "apartments specialists" in first
    assert "said: Gladly." in first
    assert "Since 2019 it" in first


def test_a_furniture_word_in_the_articles_own_wrapper_does_not_drop_it():
    story = "".join(f"<p>{p}</p>" for p in STORY)
    for wrapper in ("entry themeform share", "no-paywall", "steady-paywall-container", "ad-container"):
        html = page(f'<article><h1>Council votes</h1><div class="{wrapper}">{story}</div></article>')
        assert body(html) == STORY, wrapper


def test_text_trafilatura_kept_inside_an_aside_is_body():
    # trafilatura keeps an <aside>'s text on some real pages (not on one this small): where it did,
    # the <aside> holding the story is the article, not a sidebar.
    tree = parse_page(page("<article><h1>Baths</h1><aside><p>" + "</p><p>".join(STORY) + "</p></aside></article>"))
    blocks = list(walk_blocks(tree.find("body")))
    tagged = tag_paragraphs(blocks, (set(STORY), " ".join(STORY)))
    assert [p.text for p in tagged if p.kind == "body"] == STORY


def test_furniture_inside_the_article_is_still_boilerplate():
    story = "".join(f"<p>{p}</p>" for p in STORY)
    promo = '<div class="newsletter"><p>Sign up to our morning briefing and get the news first every day.</p></div>'
    kinds = dict((text, kind) for kind, text in paragraphs(page(f"<article>{story}{promo}</article>")))
    assert kinds["Sign up to our morning briefing and get the news first every day."] == "boilerplate"


def test_teaser_and_related_links_headings_are_boilerplate_and_subheadings_stay_headings():
    related = (
        '<h2>More on this story</h2><ul><li><a href="/a">Pool prices to rise</a></li>'
        '<li><a href="/b">Gym shuts</a></li></ul>'
    )
    html = page(
        "<article><h1>Council votes to close the old baths</h1>"
        f"<p>{STORY[0]}</p><p>{STORY[1]}</p><h2>What happens next</h2><p>{STORY[2]}</p><p>{STORY[3]}</p>"
        f"{related}</article>"
    )
    kinds = dict((text, kind) for kind, text in paragraphs(html))
    assert kinds["Council votes to close the old baths"] == "heading"
    assert kinds["What happens next"] == "heading"
    assert kinds["More on this story"] == "boilerplate"


def test_a_teasers_linked_headline_is_boilerplate_even_with_text_under_it():
    teaser = '<h3><a href="/gym">Gym on the high street shuts its doors</a></h3><p>Members were told by email.</p>'
    html = page(
        f"<article><h1>Council votes to close the old baths</h1><p>{STORY[0]}</p><p>{STORY[1]}</p>"
        f"{teaser}<p>{STORY[2]}</p><p>{STORY[3]}</p></article>"
    )
    kinds = {text: kind for kind, text in paragraphs(html)}
    assert kinds["Gym on the high street shuts its doors"] == "boilerplate"


# Pages a browser shows: decoded by the HTML standard's sniffing rules, never refused for one byte.


def read_page_file(tmp_path, data: bytes, name: str = "page.html") -> list:
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_articles(str(path)))


def story_page(head: str = "", wrapper: str = "article") -> str:
    story = "".join(f"<p>{p}</p>" for p in STORY)
    head = f"<head>{head}<title>Baths</title></head>"
    return f"<!DOCTYPE html><html>{head}<body><{wrapper}>{story}</{wrapper}></body></html>"


def test_a_charset_inside_a_script_is_not_the_pages_and_the_real_one_is_found_past_the_first_kilobytes(tmp_path):
    script = '<script>var map = "sourceMappingURL=data:application/json;charset=utf-8;base64,e30=";</script>'
    head = (
        script
        + "<!-- "
        + "x" * 5000
        + " -->"
        + '<meta http-equiv="content-type" content="text/html; charset=iso-8859-1">'
    )
    html = story_page(head).replace("The council voted", "Die Stadträte stimmten")
    (article,) = read_page_file(tmp_path, html.encode("cp1252"))
    assert article.paragraphs[0].text.startswith("Die Stadträte stimmten")


def test_a_stray_invalid_byte_in_a_page_is_replaced_and_counted(tmp_path):
    html = story_page('<meta charset="utf-8">').replace("despite a petition", "trotz einer Pétition")
    data = html.encode("utf-8").replace("é".encode(), b"\xfc")  # one Latin-1 byte in a UTF-8 page
    warning, article = read_page_file(tmp_path, data)
    assert isinstance(warning, InputWarning) and warning.reason.startswith("1 invalid utf-8 byte")
    assert "trotz einer P\ufffdtition" in article.paragraphs[0].text


def test_a_plain_text_file_with_an_invalid_byte_is_still_refused(tmp_path):
    (error,) = read_page_file(tmp_path, b"Sch\xfcler said it was fine.\n", name="notes.txt")
    assert type(error) is InputError and error.reason.startswith("not valid UTF-8")


def test_a_page_declaring_no_charset_is_detected(tmp_path):
    html = story_page().replace("The council voted", "Die Stadträte stimmten für die Schließung")
    (article,) = read_page_file(tmp_path, html.encode("cp1252"))
    assert article.paragraphs[0].text.startswith("Die Stadträte stimmten für die Schließung")


def test_a_nul_byte_in_a_page_is_dropped(tmp_path):
    html = story_page('<meta charset="utf-8">').replace("ninety years", "ninety\x00 years")
    warning, article = read_page_file(tmp_path, html.encode("utf-8"))
    assert warning.reason == "1 NUL character(s) dropped"
    assert [p.text for p in article.paragraphs if p.kind == "body"] == STORY


def test_a_page_inside_an_asp_net_form_and_content_inside_noscript_are_read():
    story = "".join(f"<p>{p}</p>" for p in STORY)
    asp = page(
        f'<form method="post" action="./Default.aspx" id="aspnetForm"><input type="hidden" name="__VIEWSTATE">'
        f'<div id="content">{story}</div></form>'
    )
    assert body(asp) == STORY
    assert body(page(f"<noscript><div class='article'>{story}</div></noscript>")) == STORY


def test_headings_trafilatura_kept_outside_the_storys_container_are_read():
    # On some real pages trafilatura keeps the headline and standfirst above the story's <div>
    # (not on one this small): where it did, they are read, as headings.
    standfirst = "Swimmers wept in the public gallery as the mayor read out the result"
    tree = parse_page(
        page(
            f"<div class='head'><h1>Baths to close</h1><h2>{standfirst}</h2></div><div class='text'><p>"
            + "</p><p>".join(STORY)
            + "</p></div>"
        )
    )
    blocks = list(walk_blocks(tree.find("body")))
    kept = ({standfirst, *STORY}, " ".join([standfirst, *STORY]))
    tagged = [(p.kind, p.text) for p in tag_paragraphs(blocks, kept)]
    assert tagged == [("heading", standfirst)] + [("body", text) for text in STORY]


def test_a_photo_credit_in_a_caption_is_not_the_caption():
    figure = (
        '<figure><img src="baths.jpg"><figcaption>The old baths on Mill Lane opened in 1931.'
        '<span class="copyright-note">© Northgate Archive/J. Smith</span></figcaption></figure>'
    )
    html = page(
        "<article><h1>Council votes to close the old baths</h1>"
        + figure
        + "".join(f"<p>{p}</p>" for p in STORY)
        + "</article>"
    )
    kinds = {text: kind for kind, text in paragraphs(html)}
    assert kinds["The old baths on Mill Lane opened in 1931."] == "caption"
    assert kinds["© Northgate Archive/J. Smith"] == "boilerplate"


def test_a_block_that_is_all_link_text_is_boilerplate():
    links = '<p><a href="/previous">Previous article: Gym on the high street shuts its doors</a></p>'
    html = page("<article>" + "".join(f"<p>{p}</p>" for p in STORY) + links + "</article>")
    assert body(html) == STORY


def test_soft_hyphens_are_not_stored():
    hyphenated = [p.replace("petition", "peti\xadtion") for p in STORY]
    assert body(page("<article>" + "".join(f"<p>{p}</p>" for p in hyphenated) + "</article>")) == STORY


def test_a_utc_timestamp_gives_way_to_the_pages_local_day():
    # JSON-LD gives the moment in UTC (5:30 on the 9th); the page's own local date, which trafilatura
    # reads, is 23:30 on the 8th in Minnesota.
    json_ld = '{"@type": "NewsArticle", "datePublished": "2023-11-09T05:30:59Z"}'
    head = (
        f'<script type="application/ld+json">{json_ld}</script><meta name="date" content="2023-11-08T23:30:59-06:00">'
    )
    byline = '<p>Published: <time datetime="2023-11-08 23:30:59">November 8, 2023 at 11:30 p.m.</time></p>'
    html = page("<article>" + byline + "".join(f"<p>{p}</p>" for p in STORY) + "</article>")
    assert read_html("page.html", html.replace("<head>", "<head>" + head)).published == "2023-11-08"


# Boilerplate that trafilatura keeps inside the story, and a lead it leaves out (precision, issue 19).


def tagged(html: str, kept: list[str]) -> dict[str, str]:
    """Each paragraph's kind when trafilatura's main text is kept (to reproduce what it does on
    real pages, which it does not on pages this small)."""
    tree = parse_page(html)
    blocks = list(walk_blocks(tree.find("body")))
    return {p.text: p.kind for p in tag_paragraphs(blocks, (set(kept), " ".join(kept)), "Council votes")}


def test_the_lead_trafilatura_leaves_out_between_the_headline_and_the_story_is_body():
    lead = "The town's last public pool will shut at the end of the month, ending ninety years of swimming."
    html = page(
        '<article><header><h1>Council votes</h1><p class="byline">By Jo Reed | 5 May 2024</p>'
        f'<div class="intro"><p>{lead}</p></div></header>'
        "<figure><figcaption>Swimmers at the baths in the summer of 1931, when the pool first opened.</figcaption>"
        "</figure>" + "".join(f"<p>{p}</p>" for p in STORY) + "</article>"
    )
    kinds = tagged(html, STORY)
    assert kinds[lead] == "body"
    assert kinds["By Jo Reed | 5 May 2024"] == "boilerplate"


def test_the_lead_just_outside_the_storys_container_below_the_headline_is_body():
    # "has-image" on the page's wrapper names its layout, not a picture the lead would describe.
    lead = "The town's last public pool will shut at the end of the month, ending ninety years of swimming."
    for wrapper in ("page", "page has-image"):
        html = page(
            f'<div class="{wrapper}"><h1>Council votes</h1><div class="teaser"><p>{lead}</p></div>'
            '<div class="story">' + "".join(f"<p>{p}</p>" for p in STORY) + "</div></div>"
        )
        assert tagged(html, STORY)[lead] == "body", wrapper
    assert lead not in tagged(html.replace("<h1>Council votes</h1>", ""), STORY)  # no headline: not a lead


def test_a_description_of_a_photo_before_the_story_is_not_its_lead():
    photo = "Swimmers queue outside the baths on Mill Lane in the summer of 1931, the year the pool first opened."
    html = page(
        f'<article><h1>Council votes</h1><div class="image-description"><p>{photo}</p></div>'
        + "".join(f"<p>{p}</p>" for p in STORY)
        + "</article>"
    )
    assert tagged(html, STORY)[photo] == "boilerplate"


def test_a_credit_written_at_the_end_of_a_caption_is_not_the_caption():
    captions = {
        "The old baths opened in 1931. Foto: Stadtarchiv": ("The old baths opened in 1931.", "Foto: Stadtarchiv"),
        "The mayor reads the result (REUTERS/Jane Doe)": ("The mayor reads the result", "(REUTERS/Jane Doe)"),
        "Swimmers in the gallery – © Tom Reed – stock.example": (
            "Swimmers in the gallery",
            "© Tom Reed – stock.example",
        ),
        "The roof (Photo: J. Smith, 19.01.2022).": ("The roof", "(Photo: J. Smith, 19.01.2022)."),
    }
    figures = "".join(f"<figure><figcaption>{caption}</figcaption></figure>" for caption in captions)
    html = page("<article><h1>Council votes</h1>" + figures + "".join(f"<p>{p}</p>" for p in STORY) + "</article>")
    kinds = {text: kind for kind, text in paragraphs(html)}
    for caption, credit in captions.values():
        assert kinds[caption] == "caption"
        assert kinds[credit] == "boilerplate"


def test_copyright_notices_and_credit_lines_in_the_story_are_boilerplate():
    notices = ["© 2024 Northgate Evening Post. This article may not be reprinted.", "Crédits photos : Bestimage"]
    html = page("<article>" + "".join(f"<p>{p}</p>" for p in STORY + notices) + "</article>")
    kinds = tagged(html, STORY + notices)
    assert [kinds[notice] for notice in notices] == ["boilerplate", "boilerplate"]
    assert [kinds[p] for p in STORY] == ["body"] * 4


def test_a_lead_in_and_a_link_to_another_story_is_boilerplate():
    pointer = 'Read more: <a href="/gym">Gym on the high street shuts its doors after forty years</a>'
    html = page(
        f"<article><p>{STORY[0]}</p><p>{pointer}</p>" + "".join(f"<p>{p}</p>" for p in STORY[1:]) + "</article>"
    )
    kinds = tagged(html, [*STORY, "Read more: Gym on the high street shuts its doors after forty years"])
    assert kinds["Read more: Gym on the high street shuts its doors after forty years"] == "boilerplate"
    assert [kinds[p] for p in STORY] == ["body"] * 4


def test_the_label_of_a_list_of_links_is_boilerplate_but_a_lists_last_item_is_not():
    html = page(
        "<article>"
        + "".join(f"<p>{p}</p>" for p in STORY)
        + '<p>Schon gelesen?</p><ul><li><a href="/a">Gym on the high street shuts its doors</a></li></ul>'
        + '<ul><li>Two pools</li><li>A sauna</li></ul><p><a href="/book">Book a swim</a></p>'
        + "</article>"
    )
    kinds = tagged(html, [*STORY, "Schon gelesen?", "Two pools", "A sauna"])
    assert kinds["Schon gelesen?"] == "boilerplate"
    assert kinds["A sauna"] == "body"


def test_a_teaser_card_wrapped_in_a_link_is_link_text_and_an_accordions_toggle_is_not():
    card = '<a href="/gym"><div class="card"><h3>Gym on the high street shuts its doors</h3></div></a>'
    accordion = "<a class='accordion-title'><h3>What happens to the staff</h3></a><p>{}</p>"
    html = page(
        "<article><h1>Council votes</h1>"
        + "".join(f"<p>{p}</p>" for p in STORY[:2])
        + card
        + accordion.format(STORY[2])
        + f"<p>{STORY[3]}</p></article>"
    )
    kinds = tagged(html, STORY)
    assert kinds["Gym on the high street shuts its doors"] == "boilerplate"
    assert kinds["What happens to the staff"] == "heading"


def test_an_author_box_and_a_disclaimer_inside_the_article_are_boilerplate():
    bio = "Jo Reed has covered the town council for the Evening Post since 2009 and lives in Northgate."
    disclosure = "This post contains affiliate links: we may earn a commission when you buy through them."
    html = page(
        "<article>"
        + "".join(f"<p>{p}</p>" for p in STORY)
        + f'<div class="author-bio"><p>{bio}</p></div>'
        + f'<section class="editorial-disclosure"><p>{disclosure}</p></section>'
        + "</article>"
    )
    kinds = tagged(html, [*STORY, bio, disclosure])
    assert kinds[bio] == kinds[disclosure] == "boilerplate"


def test_a_date_alone_a_sign_off_a_servers_error_message_and_a_cookie_notice_are_boilerplate():
    date = "23.10.2018"
    sign_off = "aja/PAP"
    error = "Warning: Use of undefined constant comments - assumed 'comments' in /www/index.php on line 12"
    consent = "Klicken Sie auf den Button, um den Inhalt von www.maps.example zu laden."
    html = page(
        f"<article><p>{date}</p><p>{error}</p>"
        + "".join(f"<p>{p}</p>" for p in STORY)
        + f'<p>{sign_off}</p><div class="BorlabsCookie"><p>{consent}</p></div></article>'
    )
    kinds = tagged(html, [date, error, *STORY, sign_off, consent])
    assert [kinds[date], kinds[error], kinds[sign_off], kinds[consent]] == ["boilerplate"] * 4
    assert [kinds[p] for p in STORY] == ["body"] * 4


def test_a_page_where_trafilatura_kept_only_a_servers_error_message_is_read_as_if_it_kept_nothing():
    error = "Warning: Use of undefined constant comments - assumed 'comments' in /www/sidebar.php on line 12"
    html = page(
        '<div class="post">' + "".join(f"<p>{p}</p>" for p in STORY) + "</div>"
        f'<div class="sidebar"><p>{error}</p><ul><li><a href="/a">Archive</a></li></ul></div>'
    )
    kinds = tagged(html, [error])
    assert [kinds[p] for p in STORY] == ["body"] * 4
    assert kinds[error] == kinds["Archive"] == "boilerplate"


def test_a_caption_credit_on_a_page_where_trafilatura_found_nothing_is_boilerplate():
    html = (
        "<html><body><figure><figcaption>The old baths. Foto: Archiv</figcaption></figure><p>A line.</p></body></html>"
    )
    kinds = tagged(html, [])
    assert kinds == {"The old baths.": "caption", "Foto: Archiv": "boilerplate", "A line.": "body"}


def test_the_pages_description_written_out_under_the_headline_is_the_lead_whatever_its_markup():
    # The standfirst is the page's own <meta name="description">, whether the page writes it in an
    # <h2> (read as a heading) or in a teaser box outside the story's container (left out).
    lead = (
        "The town's last public pool will shut at the end of the month, ending ninety years of swimming in Northgate."
    )
    head = f'<meta name="description" content="{lead}">'
    for markup in (f"<h2>{lead}</h2>", f'<div class="teaser-text"><p>{lead}</p></div>'):
        html = page(
            f"<h1>Council votes to close the old baths</h1>{markup}<article>"
            + "".join(f"<p>{p}</p>" for p in STORY)
            + "</article>"
        ).replace("<head>", "<head>" + head)
        assert body(html) == [lead, *STORY], markup


def test_readers_comments_under_a_comments_heading_are_boilerplate_and_an_opinion_label_is_not():
    comments = ["Sie sind aktuell nicht eingeloggt.", "Danke für diesen Artikel, sehr gut geschrieben!"]
    for heading in ("3 Kommentare", "Comments", "#1 Kommentar von Naru-chan", "Comentarios (12)"):
        html = page(
            "<article>"
            + "".join(f"<p>{p}</p>" for p in STORY)
            + f"<h3>{heading}</h3>"
            + "".join(f"<p>{c}</p>" for c in comments)
            + "</article>"
        )
        kinds = tagged(html, [*STORY, heading, *comments])
        assert [kinds[heading], *(kinds[c] for c in comments)] == ["boilerplate"] * 3, heading
        assert [kinds[p] for p in STORY] == ["body"] * 4
    opinion = page("<article><h3>Kommentar</h3>" + "".join(f"<p>{p}</p>" for p in STORY) + "</article>")
    assert [tagged(opinion, STORY)[p] for p in STORY] == ["body"] * 4


def test_a_note_that_the_post_advertises_is_boilerplate():
    notes = ["*Werbung. Dieser Beitrag enthält Werbung für Mymarini.", "Anzeige, enthält Affiliate Links"]
    html = page("<article>" + "".join(f"<p>{p}</p>" for p in [notes[0], *STORY, notes[1]]) + "</article>")
    kinds = tagged(html, [*notes, *STORY])
    assert [kinds[note] for note in notes] == ["boilerplate"] * 2
    assert [kinds[p] for p in STORY] == ["body"] * 4


def test_a_link_to_a_file_with_its_type_and_size_is_boilerplate():
    download = '<p><a href="/letter.pdf">Informationsschreiben vom 14. Oktober 2021</a>PDF | 38 KB</p>'
    html = page("<article>" + "".join(f"<p>{p}</p>" for p in STORY) + download + "</article>")
    kinds = tagged(html, [*STORY, "Informationsschreiben vom 14. Oktober 2021PDF | 38 KB"])
    assert kinds["Informationsschreiben vom 14. Oktober 2021PDF | 38 KB"] == "boilerplate"
    assert [kinds[p] for p in STORY] == ["body"] * 4


def test_a_footer_named_by_its_class_is_furniture_where_trafilatura_found_nothing():
    html = (
        "<html><body><div class='post'>" + "".join(f"<p>{p}</p>" for p in STORY) + "</div>"
        "<div id='footer'><p>Northgate Post is powered by WordPress</p></div></body></html>"
    )
    kinds = tagged(html, [])
    assert kinds["Northgate Post is powered by WordPress"] == "boilerplate"
    assert [kinds[p] for p in STORY] == ["body"] * 4


def test_a_call_to_subscribe_or_follow_at_the_storys_end_is_boilerplate_but_a_quotation_is_not():
    calls = ["Subscribe now to our print edition for the full story.", "Folgen Sie uns auf Twitter"]
    quoted = "“Anyone can subscribe to the pool's newsletter until it closes,” the manager said."
    html = page("<article>" + "".join(f"<p>{p}</p>" for p in [*STORY, *calls]) + "</article>")
    kinds = tagged(html, [*STORY, *calls])
    assert [kinds[call] for call in calls] == ["boilerplate"] * 2
    assert [kinds[p] for p in STORY] == ["body"] * 4
    html = page("<article>" + "".join(f"<p>{p}</p>" for p in [calls[0], *STORY, quoted]) + "</article>")
    kinds = tagged(html, [calls[0], *STORY, quoted])
    assert kinds[calls[0]] == kinds[quoted] == "body"  # not at the end; a quotation
