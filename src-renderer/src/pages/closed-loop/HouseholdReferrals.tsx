// Placeholder until the page lands; wired into the shell already.
import { Later } from '../../components/Later';

export function HouseholdReferrals({ householdId }: { householdId: number }) {
  return <Later textKey="later.tab" />;
}
