/** Grafana's uid rule for dashboards, folders, data sources, contact points and alert rules. */
export const UID_PATTERN = /^[a-zA-Z0-9_-]{1,40}$/;

export const UID_RULE = 'uid must be 1-40 characters of letters, digits, "-" and "_"';
