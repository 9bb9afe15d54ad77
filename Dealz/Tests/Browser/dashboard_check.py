"""Drives the dealz dashboard in headless Chromium against running services.

Usage: dashboard_check.py URL BIN TICKZ_ENDPOINT CHATZ_ROUTER CHATZ_PUB SCREENSHOT

dealz and chatz-server are already running; this script runs tickz-server itself (it stops and
restarts it) and posts to the chat with chatz-client. Each step prints "ok: ..." with what it
measured; the first failure raises, and the exit status is non-zero.
"""
import math
import subprocess
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

url, bin_dir, tickz, chatz_router, chatz_pub, screenshot = sys.argv[1:7]


def start_tickz():
    return subprocess.Popen([f"{bin_dir}/tickz-server", "--endpoint", tickz, "--rate", "60"], stderr=subprocess.DEVNULL)


def wait(driver, condition, what, timeout=15):
    start = time.monotonic()
    try:
        WebDriverWait(driver, timeout, poll_frequency=0.05).until(lambda d: condition(d))
    except Exception:
        driver.save_screenshot(screenshot)
        raise AssertionError(f"timed out after {timeout} s waiting for {what}")
    return time.monotonic() - start


def text(driver, css):
    """The text of the first element matching css, read in one step (the page re-renders often)."""
    return driver.execute_script("const e = document.querySelector(arguments[0]); return e ? e.textContent : '';", css)


def texts(driver, css):
    """The texts of every element matching css, read in one step."""
    return driver.execute_script("return Array.from(document.querySelectorAll(arguments[0]), e => e.textContent);", css)


options = Options()
for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000"]:
    options.add_argument(argument)
options.binary_location = "/usr/bin/chromium"
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.set_page_load_timeout(20)
tickz_server = start_tickz()
try:
    driver.get(url)
    wait(driver, lambda d: text(d, "#connection") == "live", "the page to go live")
    print("ok: the page is live")

    # Ticker: follow a symbol; its ticks appear.
    field = driver.find_element(By.ID, "follow-symbol")
    field.send_keys("nvda")
    driver.find_element(By.CSS_SELECTOR, "#follow-form button").click()
    row = 'tr[data-symbol="NVDA"] .last'
    seconds = wait(driver, lambda d: text(d, row) not in ("", "–"), "a price for NVDA")
    print(f"ok: NVDA followed, first price {text(driver, row)} after {seconds:.2f} s")
    field.send_keys("not a symbol")
    driver.find_element(By.CSS_SELECTOR, "#follow-form button").click()
    wait(driver, lambda d: "is not a symbol" in text(d, "#ticker-error"), "the error for a bad symbol")
    print("ok: a bad symbol is refused on the page")

    # Chat: a message from chatz-client arrives, and HTML in it stays text.
    hostile = "hello from carol <b>bold</b> <script>window.pwned = 1</script>"
    subprocess.run(
        [f"{bin_dir}/chatz-client", "--user", "carol", "--router-endpoint", chatz_router, "--sub-endpoint", chatz_pub],
        input=hostile + "\n/quit\n", text=True, timeout=20, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    wait(driver, lambda d: any(hostile in line for line in texts(d, "#chat-lines li")), "carol's message")
    assert texts(driver, "#chat-lines b, #chat-lines script") == [], "chat text became markup"
    assert driver.execute_script("return window.pwned === undefined"), "a script in a chat message ran"
    print("ok: carol's message shows as text; its <b> and <script> are not markup")

    # Deals: a random batch completes; a pasted CSV gets its exact total.
    count = driver.find_element(By.ID, "deals-count")
    count.clear()
    count.send_keys("200")
    driver.find_element(By.ID, "deals-random").click()
    seconds = wait(driver, lambda d: "200 of 200 deals valued, done" in text(d, "#batch-status"), "200 random deals valued", timeout=30)
    print(f"ok: 200 random deals valued in {seconds:.2f} s, total {text(driver, '#batch-total')}")
    lines = [f"{symbol},{'SELL' if index % 3 == 0 else 'BUY'},{index * 7 % 500 + 1},{100 + index * 0.37:.2f}"
             for index, symbol in enumerate(["AAPL", "MSFT", "IBM"] * 40)]
    expected = math.fsum((-1 if action == "SELL" else 1) * int(shares) * float(price)
                         for _, action, shares, price in (line.split(",") for line in lines))
    driver.find_element(By.ID, "deals-csv").send_keys("\n".join(lines))
    driver.find_element(By.ID, "deals-csv-submit").click()
    wait(driver, lambda d: "Batch 2: 120 of 120 deals valued, done" in text(d, "#batch-status"), "the CSV batch valued", timeout=30)
    total = float(driver.execute_script("return document.getElementById('batch-total').dataset.exact;"))
    assert total == expected, f"the page's total {total!r} is not the exact sum {expected!r}"
    print(f"ok: 120 CSV deals valued; total {total!r} == math.fsum {expected!r}")

    # Sockets: stopping tickz-server shows as a disconnect; its return shows too.
    tickz_box = '[data-socket="tickz.sub"]'
    tickz_server.terminate()
    tickz_server.wait(timeout=10)
    stopped = time.monotonic()
    wait(driver, lambda d: "disconnected" in text(d, tickz_box + " .state") and "tickz down" in text(d, "#backend-tickz"),
         "tickz.sub to show disconnected")
    down = time.monotonic() - stopped
    assert "disconnected" in text(driver, tickz_box + " ol"), "no disconnected event in the log"
    print(f"ok: tickz-server stopped; the page showed it after {down:.2f} s")
    assert down < 2, f"the disconnect took {down:.2f} s to show (at most 2 s)"
    # The page keeps working while tickz is down: chat still posts.
    driver.find_element(By.ID, "chat-text").send_keys("still here without tickz")
    driver.find_element(By.CSS_SELECTOR, "#chat-form button").click()
    wait(driver, lambda d: any("still here without tickz" in line for line in texts(d, "#chat-lines li")),
         "a chat post while tickz is down")
    print("ok: chat works while tickz is down")
    tickz_server = start_tickz()
    restarted = time.monotonic()
    wait(driver, lambda d: "connected" == text(d, tickz_box + " .state").split(",")[0] and "tickz up" in text(d, "#backend-tickz"),
         "tickz.sub to show connected again")
    back = time.monotonic() - restarted
    print(f"ok: tickz-server restarted; the page showed it back after {back:.2f} s")
    assert back < 2, f"the return took {back:.2f} s to show (at most 2 s)"
    driver.save_screenshot(screenshot)
    print(f"ok: screenshot in {screenshot}")
finally:
    tickz_server.terminate()
    try:
        tickz_server.wait(timeout=5)
    except subprocess.TimeoutExpired:
        tickz_server.kill()
    driver.quit()
