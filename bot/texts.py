"""Every piece of Chinese text a user sees, in one place, so it can be reviewed and changed together.

Plain strings and small functions that format them. HTML escaping is the renderer's job: these
strings hold no markup, except where a name ends in `_HTML` (then only fixed tags, no user data).
Each shell (Telegram, terminal) takes its wording from here.
"""

from __future__ import annotations

# --- answers (search) -------------------------------------------------------------------------

# --- quiz and review -------------------------------------------------------------------------

# --- Telegram: commands, help, errors ---------------------------------------------------------

# --- daily pushes, scores ---------------------------------------------------------------------
