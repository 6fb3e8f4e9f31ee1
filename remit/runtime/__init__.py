"""How texts are run, not what is found in them.

:mod:`~remit.runtime.text` cleans up noise with an offset map back to the input,
:mod:`~remit.runtime.prefilter` splits sentences by rule and picks those that can hold a claim,
:mod:`~remit.runtime.runner` parses them and has the ``remit_claims`` component extract, and
:mod:`~remit.runtime.parallel` spreads whole chunks of texts over worker processes.
"""
