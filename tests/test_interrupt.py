"""Stop signals (issue 18): raised where that is safe, held where an exception could leave a lock held."""

from __future__ import annotations

import os
import signal
import sys

import pytest

from atscheck.interrupt import Interrupted, held, interruptible

posix = pytest.mark.skipif(sys.platform == "win32", reason="sends itself POSIX signals")


@posix
def test_a_stop_signal_raises_interrupted_with_the_shell_exit_code() -> None:
    with pytest.raises(Interrupted) as stopped, interruptible():
        os.kill(os.getpid(), signal.SIGTERM)
    assert stopped.value.exit_code == 143


@posix
def test_inside_held_a_stop_signal_is_noted_not_raised() -> None:
    with interruptible(), held() as stop_signal:
        assert stop_signal() is None
        os.kill(os.getpid(), signal.SIGINT)
        os.kill(os.getpid(), signal.SIGTERM)  # a second signal is ignored: the first one decides
        assert stop_signal() == signal.SIGINT


@posix
def test_after_held_signals_raise_again() -> None:
    with interruptible():
        with held():
            pass
        with pytest.raises(Interrupted):
            os.kill(os.getpid(), signal.SIGHUP)


def test_outside_interruptible_held_notes_nothing() -> None:
    with held() as stop_signal:
        assert stop_signal() is None
