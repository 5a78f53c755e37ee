"""Every word a person reads is marked for translation (Welsh, Polish, Urdu, Panjabi): see ``scan``."""
