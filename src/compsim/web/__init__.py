"""compsim serve: a local web page to describe a case, see every landlord's decision side by
side with the reference, flip a reading as a draft, and save the case as a scenario file.

Needs the ``serve`` extra (Starlette, uvicorn, Jinja2): ``pip install 'compsim[serve]'``.
Nothing here is imported unless the ``serve`` command runs.
"""
