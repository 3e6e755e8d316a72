/* The compiler's version, printed by --version and written into tables. */
#ifndef PW_VERSION_H
#define PW_VERSION_H
#define PW_VERSION "0.1.0"
#endif
