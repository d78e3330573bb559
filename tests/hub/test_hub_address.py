"""Where the hub listens: this machine only, unless TLS (or an explicit reverse-proxy setting) is given."""

from __future__ import annotations

from pathlib import Path

import pytest

from course.delivery.hub.launch import HubSettings, address_problem, login_help, run


@pytest.fixture
def pem(tmp_path: Path) -> tuple[str, str]:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert.write_text("certificate\n")
    key.write_text("key\n")
    return str(cert), str(key)


@pytest.mark.parametrize("ip", ["127.0.0.1", "::1", "localhost"])
def test_this_machine_only_needs_nothing(ip):
    assert address_problem({"COURSE_HUB_IP": ip}) is None
    assert address_problem({}) is None


def test_the_network_needs_tls_or_an_explicit_proxy_setting(pem):
    cert, key = pem
    refused = address_problem({"COURSE_HUB_IP": "0.0.0.0"})
    assert refused and "COURSE_HUB_SSL_CERT" in refused and "COURSE_HUB_ALLOW_HTTP=yes" in refused
    assert address_problem({"COURSE_HUB_IP": "0.0.0.0", "COURSE_HUB_SSL_CERT": cert, "COURSE_HUB_SSL_KEY": key}) is None
    assert address_problem({"COURSE_HUB_IP": "0.0.0.0", "COURSE_HUB_ALLOW_HTTP": "yes"}) is None
    assert address_problem({"COURSE_HUB_IP": "0.0.0.0", "COURSE_HUB_ALLOW_HTTP": "no"}) == refused


def test_half_a_tls_setting_or_a_missing_file_is_refused(pem, tmp_path):
    cert, _ = pem
    assert "both" in address_problem({"COURSE_HUB_SSL_CERT": cert})
    missing = str(tmp_path / "nowhere.pem")
    assert "not a file" in address_problem({"COURSE_HUB_SSL_CERT": cert, "COURSE_HUB_SSL_KEY": missing})


def test_make_hub_refuses_before_starting_anything(tmp_path, capsys):
    assert run({"COURSE_HUB_IP": "0.0.0.0", "COURSE_HUB_DIR": str(tmp_path), "COURSE_HUB_MODE": "demo"}) == 2
    err = capsys.readouterr().err
    assert err.startswith("make hub: COURSE_HUB_IP is 0.0.0.0") and "Traceback" not in err
    assert not (tmp_path / "state").exists()


def test_the_printed_address_says_https_and_how_far_it_reaches(pem):
    cert, key = pem
    settings = HubSettings.from_env(
        {"COURSE_HUB_IP": "0.0.0.0", "COURSE_HUB_PORT": "443", "COURSE_HUB_SSL_CERT": cert, "COURSE_HUB_SSL_KEY": key}
    )
    assert settings.url == "https://0.0.0.0:443/"
    assert "(open to the network)" in login_help(settings)
    local = HubSettings.from_env({"COURSE_HUB_MODE": "system"})
    assert local.url == "http://127.0.0.1:8000/" and "(this machine only)" in login_help(local)
    assert "course hub-add-learner NAME" in login_help(local)
