/** Fixed phrases for generated text (case subjects, task subjects, next steps): cheap and realistic. */

export const CASE_SUBJECTS = [
  'Cannot log in after SSO change',
  'Dashboard not loading',
  'Report export times out',
  'API requests failing with 500 errors',
  'Data sync delayed by several hours',
  'Invoice shows the wrong amount',
  'Need help configuring user roles',
  'Email notifications not delivered',
  'Mobile app crashes on startup',
  'Integration with ERP stopped working',
  'Performance degradation in search',
  'Bulk import rejects valid rows',
  'Request for additional licenses',
  'Password reset link expired',
  'Webhook deliveries failing',
  'Custom field missing from layout',
  'Question about data retention policy',
  'Scheduled job did not run',
  'Duplicate records after migration',
  'Audit log export incomplete',
  'Feature request: bulk edit',
  'Outage affecting all users',
  'Security questionnaire follow-up',
  'Training request for new admins',
] as const;

export const CASE_DETAILS = [
  'Customer reports the issue affects their whole team.',
  'Started after the latest release.',
  'Intermittent; reproduced twice in staging.',
  'Blocking month-end close.',
  'Workaround provided, root cause pending.',
  'Customer asked for an update on the ticket.',
] as const;

export const TASK_SUBJECTS: Readonly<Record<'Call' | 'Email' | 'Meeting' | 'Other', readonly string[]>> = {
  Call: ['Check-in call', 'Renewal call', 'Support follow-up call', 'Onboarding call'],
  Email: ['Sent renewal quote', 'Follow-up email', 'Shared release notes', 'Sent QBR deck'],
  Meeting: ['Quarterly business review', 'Executive sponsor meeting', 'Onsite workshop', 'Roadmap session'],
  Other: ['Update success plan', 'Review usage report', 'Prepare renewal forecast'],
};

export const TASK_NOTES = [
  'Customer happy with the latest release.',
  'Raised concerns about support response times.',
  'Discussed expansion to another team.',
  'Budget review next quarter.',
  'Champion is leaving the company.',
  'Agreed on next steps.',
] as const;

export const NEXT_STEPS = [
  'Send renewal quote',
  'Schedule exec sponsor call',
  'Confirm budget',
  'Legal review',
  'Security questionnaire',
  'Pricing approval',
] as const;
