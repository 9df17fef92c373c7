"""Preloaded by the worker pool's forkserver: load the pipeline's resources once, before forking.

Importing this module runs one tiny document through the pipeline, so lexicons, the gazetteer and
compiled patterns are loaded in the forkserver. Every worker forked from it then shares those
pages copy-on-write instead of loading (and holding) its own ~160 MB copy, and a recycled worker
starts warm.
"""

from newsdesk.pipeline import process_text

SAMPLE = """# Harbour ferry resumes service in Portsmouth

March 3, 2021

By Anna Keller

The harbour ferry resumed service on Wednesday, officials in Portsmouth, England, said.

"We are glad to be back," said Maria Lopez, the operator's director.

Original url:

<https://news.example.org/2021/03/03/ferry>
"""

process_text(SAMPLE, "warmup.md")
