"""Editorial workflow shared by articles and triage: roles, review dates, login protection.

Clinical content and triage rules are edited by the same people under the same
rules, so what governs editing lives here once rather than in each app.
"""
