// The columns of a table of records Salesforce refused: the record (a link when it is an
// account), Salesforce's error code and its message. The org view and the run view both list them.
import { link } from '../dom.js';
import { isAccountId } from '../format.js';

export function refusedRecordColumns(org) {
  return [
    {
      label: 'Record',
      cell: (item) => (isAccountId(item.id) ? link(`/orgs/${org}/accounts/${item.id}`, item.id) : item.id),
    },
    { label: 'Code', cell: (item) => item.errorCode },
    { label: 'Message', cell: (item) => item.message },
  ];
}
