#ifndef RELAIS_CLIBPQ_SHIM_H
#define RELAIS_CLIBPQ_SHIM_H
#include <libpq-fe.h>

/* libpq's PG_DIAG_* field codes are character macros Swift does not import. */
static const int RELAIS_PG_DIAG_SQLSTATE = 'C';
static const int RELAIS_PG_DIAG_MESSAGE_PRIMARY = 'M';
static const int RELAIS_PG_DIAG_CONSTRAINT_NAME = 'n';
static const int RELAIS_PG_DIAG_TABLE_NAME = 't';
static const int RELAIS_PG_DIAG_COLUMN_NAME = 'c';
#endif
