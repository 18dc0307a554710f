"""``lessonkit build``, one straight path (read the modules in this order):

- ``request``: what was asked for (languages, formats, band, edition), checked against conf.py;
- ``build``: the path itself, from the request to the outputs swapped in;
- ``record``: the inputs' fingerprint, and what each output was last built from (up to date or not);
- ``staging``: building aside and swapping in all at once, so a failed build keeps the last good output;
- ``sphinxjobs``: running Sphinx in-process, one language and one builder at a time (``serve`` too);
- ``sidebyside``: languages built in processes of their own with -j 2 and more;
- ``progress``: the progress bar drawn from Sphinx's status output;
- ``chooser``: the language chooser at the top of the site.

This file imports nothing, so that importing one of these modules loads no other.
"""
