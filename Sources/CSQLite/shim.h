#ifndef RELAIS_CSQLITE_SHIM_H
#define RELAIS_CSQLITE_SHIM_H
#include <sqlite3.h>

/* SQLITE_TRANSIENT is a cast macro Swift cannot import. */
static inline sqlite3_destructor_type relais_sqlite_transient(void) {
    return (sqlite3_destructor_type)-1;
}
/* sqlite3_db_config is variadic, which Swift cannot call. */
static inline int relais_sqlite_no_checkpoint_on_close(sqlite3 *db, int on) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, on, (int *)0);
}
#endif
