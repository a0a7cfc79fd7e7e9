"""A Footer that shows key descriptions in the current language.

Bindings are declared at class level with N_(), so they hold the English
message id; this footer translates each one as it draws, which is what lets
the language change while the app runs.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel

from store.i18n import _


class TranslatedFooter(Footer):
    """Footer whose key descriptions and tooltips go through gettext."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                if self.compact:
                    # A key starts compact and its watcher adds this class once it is mounted,
                    # restyling each key on its own (a noticeable cost at start-up): add it now.
                    widget.add_class("-compact", update=False)
                widget.description = _(widget.description) if widget.description else ""
                if widget.tooltip and isinstance(widget.tooltip, str):
                    widget.tooltip = _(widget.tooltip)
            elif isinstance(widget, FooterLabel):
                widget.update(_(str(widget.render())))
            yield widget
