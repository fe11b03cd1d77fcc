import { ReasonDialog } from '../worklist/ReasonDialog.js';

interface Props {
  decision: 'accept' | 'reject';
  onConfirm: (reason: string) => void;
  onClose: () => void;
}

/** A person overriding the rules says why; the reason is audited with the decision. */
export function OverrideDialog({ decision, onConfirm, onClose }: Props) {
  return (
    <ReasonDialog
      title={`Override: ${decision} this specimen`}
      confirmLabel={decision === 'accept' ? 'Accept anyway' : 'Reject anyway'}
      danger={decision === 'reject'}
      reasons={[]}
      label="Reason (required, audited)"
      testId="override"
      textTestId="override-reason"
      onConfirm={onConfirm}
      onClose={onClose}
    />
  );
}
