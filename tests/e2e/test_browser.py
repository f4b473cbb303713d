"""An officer's path through the site in headless chromium: search, filter, open a paper, jump to
a fact, open a person; screenshots go to test-artifacts/ for a human to look at."""
import re

RCC_QUERY = "Portsmouth contribution to the RCC"


def test_search_filter_document_fact_person(page, base_url, artifacts):
    page.goto(base_url + "/")
    page.get_by_label("Search terms").fill(RCC_QUERY)
    page.get_by_label("Search terms").press("Enter")
    page.wait_for_selector("#results-heading")
    assert "q=Portsmouth" in page.url  # the URL holds the whole query
    page.screenshot(path=str(artifacts / "search.png"), full_page=True)

    page.get_by_label("Type of paper").select_option("report")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"doc_type=report"))
    assert page.locator(".facets strong").first.inner_text() == "Report"
    first = page.locator(".result h3 a").first
    title = first.inner_text()
    first.click()
    page.wait_for_selector("#doc-title")
    assert page.locator("#doc-title").inner_text() == title

    fact = page.locator(".doc-facts .fact-money .fact-link, .doc-facts a.fact-link").first
    target = fact.get_attribute("href")
    fact.click()
    assert page.url.endswith(target)
    mark = page.locator(target)
    assert mark.is_visible() and mark.evaluate("el => el.matches(':target')")
    box = mark.bounding_box()
    assert box and 0 <= box["y"] <= page.viewport_size["height"]
    page.screenshot(path=str(artifacts / "document-fact.png"))

    page.goto(base_url + "/people")
    page.locator("table a").first.click()
    page.wait_for_selector("#roles-heading")
    assert page.locator("h1").inner_text()
    page.screenshot(path=str(artifacts / "person.png"), full_page=True)


def test_registers_on_a_phone(browser, base_url, artifacts):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  device_scale_factor=2)
    page = context.new_page()
    try:
        page.goto(base_url + "/money")
        assert page.locator("svg.chart circle").count() > 0
        # nothing wider than the screen but the scrollable tables
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390 + 1
        page.screenshot(path=str(artifacts / "money-phone.png"), full_page=True)
        page.goto(base_url + "/decisions")
        page.get_by_label("Outcome").select_option("noted")
        page.get_by_role("button", name="Filter").click()
        page.wait_for_url(re.compile(r"outcome=noted"))
        assert page.locator(".tag-noted").count() >= 1
        page.screenshot(path=str(artifacts / "decisions-phone.png"), full_page=True)
        page.goto(base_url + "/timeline?topic=RCC")
        assert page.locator(".event").count() > 2
        page.keyboard.press("Tab")  # the skip link comes first for keyboard users
        assert page.evaluate("document.activeElement.className") == "skip-link"
    finally:
        context.close()
