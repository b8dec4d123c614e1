import { Aspects, IAspect } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * Runs its owner's render function when synthesis visits the owner (cdktf invokes aspects first in
 * both `app.synth()` and `Testing.synth()`), so the canonical document is assembled only after every
 * `add*` call of the user's app has run. Runs at most once.
 */
class RenderOnSynth implements IAspect {
  private done = false;

  constructor(private readonly owner: IConstruct, private readonly render: () => void) {}

  public visit(node: IConstruct): void {
    if (node !== this.owner || this.done) return;
    this.done = true;
    this.render();
  }
}

/** Registers `render` to create `owner`'s resources at synthesis. */
export function renderOnSynth(owner: IConstruct, render: () => void): void {
  Aspects.of(owner).add(new RenderOnSynth(owner, render));
}
