from axe_playwright_python.sync_playwright import Axe


def serious_accessibility_violations(page):
    """The ids of axe-core rules the page breaks with serious or critical impact."""
    results = Axe().run(page)
    return [
        violation["id"]
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
