"""What scripts/check-serve and scripts/bench-serve share: a scratch lessons folder, `attnbook serve`
on a free loopback port, the event stream read in a thread, lesson edits, a headless Chromium.

Every wait is bounded; everything listens on 127.0.0.1 only.
"""
import http.client
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LESSON = "02-one-decoder-step.md"          # a long real lesson: room to scroll
PAGE = "/02-one-decoder-step.html"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Workspace:
    """A temporary folder with lessons/: two from `attnbook new`, one real lesson between them."""

    def __init__(self, binary):
        self.binary = os.path.abspath(binary)
        self.dir = tempfile.mkdtemp(prefix="attnbook-serve-")
        self.lessons = os.path.join(self.dir, "lessons")
        os.mkdir(self.lessons)
        self.new_lesson("First steps")
        shutil.copy(os.path.join(ROOT, "lessons", LESSON), os.path.join(self.lessons, LESSON))
        self.new_lesson("Third and last")
        self.path = os.path.join(self.lessons, LESSON)
        with open(self.path, encoding="utf-8") as f:
            self.original = f.read()

    def new_lesson(self, title):
        subprocess.run([self.binary, "new", title, "--lessons", self.lessons], check=True,
                       capture_output=True, timeout=30)

    def write(self, text):
        # Write in place, like an editor that saves over the file.
        with open(self.path, "w", encoding="utf-8") as f:
            f.write(text)

    def with_marker(self, marker):
        return self.original.rstrip("\n") + f"\n\nLive edit marker: {marker}.\n"

    def broken(self, marker):
        """The lesson with an unknown name in its first cell; returns (text, line, column)."""
        text = self.with_marker(marker)
        start = text.index("```attn\n") + len("```attn\n")
        line = text[:start].count("\n") + 1
        return text[:start] + "let broken = sofmax(1)\n" + text[start:], line, len("let broken = ") + 1

    def remove(self):
        shutil.rmtree(self.dir, ignore_errors=True)


class Server:
    """`attnbook serve` in the workspace; stderr goes to a file the checks read."""

    def __init__(self, workspace, port=None, extra=()):
        self.port = port or free_port()
        self.log_path = os.path.join(workspace.dir, f"serve-{self.port}.log")
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [workspace.binary, "serve", "--port", str(self.port), "--lessons", "lessons", "--output", "output", *extra],
            cwd=workspace.dir, stdout=subprocess.DEVNULL, stderr=self.log, start_new_session=True,
            env={**os.environ, "NO_COLOR": "1"})

    def wait_ready(self, timeout=300):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                return False
            if "serving " in self.text():
                return True
            time.sleep(0.1)
        return False

    def text(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.log.close()


def get(port, path, method="GET", timeout=10, headers=None):
    """(status, headers dict with lower-case names, body bytes); the path is sent exactly as given."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.putrequest(method, path, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            conn.putheader(name, value)
        conn.endheaders()
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        conn.close()


class Events:
    """The server-sent events of /__attnbook/events, parsed into (name, data) in a queue."""

    def __init__(self, port):
        self.queue = queue.Queue()
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        self.conn.request("GET", "/__attnbook/events")
        self.response = self.conn.getresponse()
        self.headers = {k.lower(): v for k, v in self.response.getheaders()}
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        name, data = None, []
        try:
            while True:
                line = self.response.readline()
                if not line:
                    return
                line = line.decode("utf-8").rstrip("\n")
                if line == "":
                    if name or data:
                        self.queue.put((name or "message", "\n".join(data)))
                    name, data = None, []
                elif line.startswith("event: "):
                    name = line[len("event: "):]
                elif line.startswith("data: "):
                    data.append(line[len("data: "):])
        except Exception:
            return

    def next(self, name, timeout=60):
        """The next event called `name` (others are skipped), or None after `timeout` seconds."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                got, data = self.queue.get(timeout=max(0.01, deadline - time.time()))
            except queue.Empty:
                return None
            if got == name:
                return data
        return None

    def close(self):
        self.conn.close()


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--hide-scrollbars", "--lang=en-US", "--window-size=1280,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    driver.set_script_timeout(60)
    driver.set_page_load_timeout(60)
    return driver


def wait_for(predicate, timeout=60, interval=0.02):
    """Polls `predicate` until it returns something truthy (returned) or `timeout` seconds pass (None)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            value = predicate()
        except Exception:
            value = None
        if value:
            return value
        time.sleep(interval)
    return None


def located_error(path_in_log, line, column):
    """The regex of the terminal's first line for the broken cell."""
    return re.escape(f"{path_in_log}:{line}:{column}: error: unknown name `sofmax`")
