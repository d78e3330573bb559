"""What the notebooks display besides exercises and the timeline: event cards, the codes of ethics
side by side, the Gottlieb worksheet, the progress overview and the environment check."""
