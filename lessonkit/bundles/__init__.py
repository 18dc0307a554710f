"""Offline bundles a school board can trust: build, check, pack, and verify what arrived.

``lessonkit.bundles.make`` makes them and ``lessonkit.bundles.verify`` checks them; this
package itself holds only what describes a bundle, so that naming it costs nothing.
"""

from lessonkit.bundles.model import TARGETS, BundleError, BundleReport, BundleRequest, Finding, UntranslatedError

__all__ = ["TARGETS", "BundleError", "BundleReport", "BundleRequest", "Finding", "UntranslatedError"]
