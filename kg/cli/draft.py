"""``kg draft``: an article in, a draft annotation file of candidate claims out; ``--accept`` after review."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import say, seeds_option


@click.command()
@click.argument("path", type=click.Path(path_type=Path, dir_okay=True))
@click.option("--title", default=None, help="The document's title (default: the article's first line).")
@click.option("--date", default=None, help="The date the article appeared, YYYY-MM-DD (default: a date the text states).")
@click.option("--url", default=None, help="Where the article was published.")
@click.option("--force", is_flag=True, default=False, help="Replace an existing annotation file.")
@click.option("--accept", is_flag=True, default=False,
              help="PATH is a reviewed draft (FILE.yaml): accept all its claims still pending.")
@seeds_option
def draft(path: Path, title: str | None, date: str | None, url: str | None, force: bool, accept: bool,
          seeds: Path | None) -> None:
    """Draft ARTICLE.yaml beside ARTICLE.txt: candidate claims for you to review.

    Each candidate has a verbatim quote, its actor, speaker, kind, stance, issue and
    date, and is marked 'review: pending': it is not built until you accept it (remove
    the mark, or run --accept on the file). Names not resolved to an actor are listed
    at the end with an entry to paste into reference/. Offline and deterministic.

    \b
    Example:
      kg draft articles/serbia-vote.txt --date 2019-12-10
      kg draft --accept articles/serbia-vote.yaml
    """
    from kg import api

    if accept:
        count = api.draft_article(path, accept=True)
        say(f"Accepted {count} pending claim{'s' if count != 1 else ''} in {path}.")
        return
    made = api.draft_article(path, title, date, url, force, seeds)
    click.echo(f"Wrote {made.path}: {len(made.claims)} candidate claims pending review, "
               f"{len(made.unresolved)} names not resolved.")
    say(f"Review it, then 'kg validate' lists the pending claims; 'kg draft --accept {made.path}' accepts them.")
