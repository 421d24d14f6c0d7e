"""Read a Content-Security-Policy header back into directives, for comparing with settings."""


def parse_csp(header):
    """{directive: [sources]} from a header value."""
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def policy_equals(parsed, directives):
    """Same directives with the same sources, whatever the order."""
    expected = {name: set(sources) for name, sources in directives.items() if sources}
    return {name: set(sources) for name, sources in parsed.items()} == expected
