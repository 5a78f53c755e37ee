"""Screenshots of the portal for the docs, from a throwaway demo school.

Run from the project folder:

    DEBUG=1 .venv/bin/python bench/screenshots.py

It migrates and seeds a temporary SQLite database (in a temporary VAR_DIR, so
nothing in var/ is touched), starts ``manage.py runserver`` on a free loopback
port, logs in as the demo parent in Debian's Chromium, and writes full-page
PNGs to docs/screenshots/. The server is stopped and the temporary folder
removed at the end, whatever happens. A console error or a server error on a
page makes the script exit with status 1 (the screenshots are still written).
"""

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS, CHROMIUM_ENV  # noqa: E402

OUT_DIR = BASE_DIR / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 420, "height": 900}
PARENT = "parent@example.org"

# (file name, path, viewport, language)
SHOTS = [
    ("policy.png", "/policy/", DESKTOP, "en-gb"),
    ("policy-phone.png", "/policy/", PHONE, "en-gb"),
    ("report-form.png", "/reports/new/?child_at_risk=no", DESKTOP, "en-gb"),
    ("report-form-urdu-phone.png", "/reports/new/?child_at_risk=no", PHONE, "ur"),
]


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def demo_environment(var_dir, port):
    """The environment for manage.py: DEBUG, a throwaway SQLite, tasks in process, mail to files."""
    env = dict(os.environ)
    for name in ("DATABASE_URL", "REDIS_URL", "EMAIL_HOST", "EVIDENCE_ROOT", "SECRET_KEY", "SECRET_KEY_FILE"):
        env.pop(name, None)
    env.update(
        {
            "DEBUG": "1",
            "VAR_DIR": str(var_dir),
            "SITE_URL": f"http://127.0.0.1:{port}",
            "ALLOWED_HOSTS": "127.0.0.1",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args, "--no-color"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def wait_until_up(server, url, log_path, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"runserver stopped (status {server.returncode}):\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    sys.exit(f"runserver did not answer {url} within {timeout} s:\n{log_path.read_text()}")


def stop(server):
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def take_screenshots(base_url, password):
    problems = []
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, env=CHROMIUM_ENV)
        try:
            contexts = {}
            for name, path, viewport, language in SHOTS:
                key = (viewport["width"], viewport["height"], language)
                if key not in contexts:
                    context = browser.new_context(viewport=viewport, locale="en-GB", timezone_id="Europe/London")
                    page = context.new_page()
                    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
                    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
                    page.on("response", lambda r: r.status >= 500 and problems.append(f"HTTP {r.status}: {r.url}"))
                    page.goto(f"{base_url}/accounts/login/")
                    page.get_by_label("Email address").fill(PARENT)
                    page.get_by_label("Password").fill(password)
                    page.get_by_role("button", name="Log in").click()
                    page.wait_for_url(f"{base_url}/")
                    page.goto(f"{base_url}/account/")
                    page.locator("#account-language-select").select_option(language)
                    page.locator("#account-language").get_by_role("button").click()
                    page.wait_for_load_state("load")
                    contexts[key] = (context, page)
                page = contexts[key][1]
                response = page.goto(f"{base_url}{path}", wait_until="networkidle")
                if response is None or response.status != 200:
                    problems.append(f"{path} answered {response.status if response else 'nothing'}")
                page.screenshot(path=OUT_DIR / name, full_page=True)
                print(f"  {OUT_DIR.relative_to(BASE_DIR) / name}  ({path}, {viewport['width']} px wide)")
            for context, _page in contexts.values():
                context.close()
        finally:
            browser.close()
    return problems


def main():
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing (apt-get install chromium).")
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="conduct-screenshots-") as var_dir:
        env = demo_environment(var_dir, port)
        manage(env, "migrate", "--no-input")
        seeded = manage(env, "seed_demo")
        match = re.search(r"password (\S+)", seeded)
        if match is None:
            sys.exit(f"Could not read the demo password from seed_demo's output:\n{seeded}")
        password = match.group(1)

        log_path = Path(var_dir) / "runserver.log"
        with log_path.open("w") as log:
            server = subprocess.Popen(
                [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--no-color"],
                cwd=BASE_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            wait_until_up(server, f"{base_url}/healthz", log_path)
            print(f"Demo school at {base_url}; screenshots:")
            problems = take_screenshots(base_url, password)
        finally:
            stop(server)
    if problems:
        print("The pages had problems:", *problems, sep="\n  ", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
