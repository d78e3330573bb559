# Start-up file of the terminals in the hub's JupyterLab (bash --rcfile; install.sh puts it in the venv with
# VENV_BIN filled in). JupyterLab's default, a login shell (`sh -l`), reads Debian's /etc/profile, which
# resets PATH, so `course` would not be found. This reads the user's own ~/.bashrc, then puts the hub's
# venv first on PATH, where `course submit`, `course export` and `course gradebook` live.
[ -f "$HOME/.bashrc" ] && . "$HOME/.bashrc"
case ":$PATH:" in
    *":VENV_BIN:"*) ;;
    *) PATH="VENV_BIN:$PATH" ;;
esac
export PATH
