"""A short text shipped with the package, for the character-level training experiments."""

# --8<-- [start:TINY_TEXT]
TINY_TEXT = """\
la luna mira el mar y el mar mira la luna.
el sol sale sobre el mar y la luna se va a dormir.
un barco lento cruza el mar con la luz del sol.
la gente del puerto canta, el barco vuelve al puerto.
la luna sale, el sol se va, y el mar canta bajo la luna.
un pez mira el barco y el barco mira al pez.
al final del dia, la luz del puerto brilla sobre el mar.
"""
# --8<-- [end:TINY_TEXT]
