"""The Python API mirrors the command line, and keeps working whatever was imported."""

from __future__ import annotations

from pathlib import Path


def test_the_api_runs_end_to_end(tmp_path: Path) -> None:
    article = tmp_path / "talks.txt"
    article.write_text(
        "Canada and Mexico open talks on steel\n\n"
        "Canada's Trade Minister Anne Roy met Mexico's Economy Minister Luis Ortega in "
        "Ottawa on Monday. Roy said Canada would negotiate with Mexico on steel quotas.\n",
        encoding="utf-8",
    )
    import kg.build
    import kg.query  # the submodules shadow the functions' names, and stay callable

    report = kg.build(article, store=tmp_path / "store")
    assert report.documents == 1 and report.entities >= 4
    assert kg.build.build is not None and kg.query.run_query is not None
    with kg.open_store(tmp_path / "store") as store:
        rows = kg.query(store, "who-negotiates-with-whom", name="Canada").records()
        assert "Mexico" in {str(row["bLabel"]) for row in rows} | {
            str(row["aLabel"]) for row in rows
        }
        inline = kg.query(store, "SELECT ?c WHERE { ?c a kg:Country }")
        assert len(inline) == 2 and "kg:Country" not in inline.table()
        top = kg.rank(store, "pagerank", top=2)
        assert {actor.label for actor in top} <= {"Canada", "Mexico", "Anne Roy", "Luis Ortega"}
        page = kg.render(store, tmp_path / "graph.html", focus="Canada")
        assert page.path.exists() and page.nodes >= 2
