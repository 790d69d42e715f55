"""The password hasher: Argon2id at the cost OWASP gives as its first choice (19 MiB of memory,
2 passes, 1 lane).

Django's default, PBKDF2 with a million SHA-256 rounds, takes about 0.3 s of CPU per login on a
two-core server, so a class of 100 logging in at the start of a lesson waited up to half a
minute. This takes about 36 ms, and memory, not rounds, is what makes it slow to guess on
graphics cards. Passwords stored with PBKDF2 still verify and are rehashed with this one at the
user's next login (Django upgrades a hash whenever the first hasher in PASSWORD_HASHERS differs).
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    # Keeps Django's "argon2" algorithm name: the parameters are stored in each hash, so a
    # later change of cost is read from old hashes and upgraded the same way.
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
