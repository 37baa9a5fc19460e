# The two commands of README.md: `make example` (set up + main job) and `make test`.
.PHONY: setup example test bench gazetteer

setup:
	bash scripts/setup.sh

example: setup
	.venv/bin/geo-incidents map --self-contained -o example-map.html

test: setup
	bash scripts/install_browser.sh
	.venv/bin/python -m pytest -n 2 -q

bench: setup
	.venv/bin/python -m benchmarks

gazetteer: setup
	.venv/bin/python -m pip install --quiet -e ".[build]"
	.venv/bin/python data/gazetteer/build.py --shared ../shared/data --out data/gazetteer/places.tsv.gz
