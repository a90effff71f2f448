"""The web app over a store (``rashomon serve``): a service layer (``service.py``), the Starlette app
(``web.py``), one view module per kind of page (``views/``), and Jinja2 templates (``templates/``)."""
