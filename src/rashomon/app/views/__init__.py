"""One module per kind of page; each view builds one data dict and renders it as HTML or dumps it as JSON."""
