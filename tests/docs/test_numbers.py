"""Every decimal number in a page's prose is one the code or output on that page shows."""


def test_prose_numbers_are_printed_by_the_page_code(pages, page_key):
    page = pages[page_key]
    shown = page.shown_numbers()
    typed = [
        f"{page.name}: {number} (section '{title}') appears in no code or output on this page"
        for title, counts in zip(page.titles, page.prose_numbers())
        for number in counts
        if number not in shown
    ]
    assert not typed, "numbers typed by hand:\n" + "\n".join(typed)
