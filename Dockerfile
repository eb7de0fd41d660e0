# syntax=docker/dockerfile:1
# CoderMatch in one image: the API and web page (`codermatch serve`, the default command) and
# the worker (`codermatch schedule`, in docker-compose.yml). See deploy/README.md.

# --- build: a wheel of the project, package data included (templates, static files, data) ---
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY crawler/ crawler/
COPY indexer/ indexer/
COPY matching/ matching/
COPY digest/ digest/
COPY api/ api/
COPY codermatch/ codermatch/
RUN pip wheel --no-deps --wheel-dir /wheels .

# --- runtime ---
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    CODERMATCH_DATA_DIR=/data

# A user without privileges, and the data dir it owns (a new named volume copies this owner).
RUN groupadd --system --gid 10001 codermatch \
    && useradd --system --uid 10001 --gid codermatch --create-home --home-dir /home/codermatch \
       --shell /usr/sbin/nologin codermatch \
    && mkdir /data \
    && chown codermatch:codermatch /data

# The dependencies first, from pyproject.toml alone: a change to the code keeps this layer.
# (All have wheels for Linux, psycopg[binary] included: no compiler needed. No test extras.)
COPY pyproject.toml /tmp/pyproject.toml
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('/tmp/pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/pyproject.toml /tmp/requirements.txt

# Then the project itself, and a check that its package data made it into the wheel.
COPY --from=build /wheels /wheels
RUN pip install --no-deps /wheels/*.whl \
    && rm -rf /wheels \
    && python -c "from importlib.resources import files; need = [('api', 'templates/base.html'), ('api', 'static/style.css'), ('digest', 'templates/digest.html'), ('indexer', 'data/credentials.toml'), ('crawler', 'sources.yaml'), ('codermatch', 'demo/sources.yaml')]; missing = [f'{p}/{n}' for p, n in need if not files(p).joinpath(n).is_file()]; assert not missing, f'package data missing from the wheel (pyproject.toml [tool.setuptools.package-data]): {missing}'"

USER codermatch
WORKDIR /home/codermatch
VOLUME ["/data"]
EXPOSE 8000

# /readyz answers 200 when the store answers, 503 otherwise; urlopen raises on both a 503 and
# no answer, so the check fails. (python:3.11-slim has no curl.)
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=4)"]

CMD ["codermatch", "serve", "--host", "0.0.0.0", "--port", "8000"]
